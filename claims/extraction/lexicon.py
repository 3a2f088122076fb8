"""The small lexicon the rules work from: cue verbs, titles, roles, outlets, bodies, countries."""

from __future__ import annotations

# Reporting verbs: inflected form -> lemma. Past, present and participle forms are listed because
# the rules backend has no lemmatiser.
_CUES = {
    "say": "said says say",
    "tell": "told tells",
    "claim": "claimed claims",
    "announce": "announced announces",
    "write": "wrote writes",
    "warn": "warned warns",
    "accuse": "accused accuses",
    "insist": "insisted insists",
    "add": "added adds",
    "state": "stated",
    "note": "noted notes",
    "confirm": "confirmed confirms",
    "report": "reported reports",
    "allege": "alleged alleges",
    "assert": "asserted asserts",
    "argue": "argued argues",
    "explain": "explained explains",
    "acknowledge": "acknowledged acknowledges",
    "admit": "admitted admits",
    "reveal": "revealed reveals",
    "clarify": "clarified clarifies",
    "estimate": "estimated estimates",
    "predict": "predicted predicts",
    "declare": "declared declares",
    "reiterate": "reiterated reiterates",
    "counter": "countered counters",
    "retort": "retorted",
    "maintain": "maintained maintains",
    "contend": "contended contends",
    "suggest": "suggested suggests",
    "post": "posted",
    "tweet": "tweeted tweets",
    "boast": "boasted",
    "deny": "denied denies",
    "reject": "rejected rejects",
    "dismiss": "dismissed dismisses",
    "refute": "refuted refutes",
    "dispute": "disputed disputes",
    "rebut": "rebutted",
    "blame": "blamed blames",
    "concede": "conceded",
    "disclose": "disclosed",
    "stress": "stressed",
    "emphasise": "emphasised emphasized",
    "testify": "testified",
}
CUE_FORMS: dict[str, str] = {form: lemma for lemma, forms in _CUES.items() for form in forms.split()}

DENIAL_LEMMAS = {"deny", "reject", "dismiss", "refute", "dispute", "rebut"}
# Denial verbs that deny only with a claim-like object ("rejected the allegations"), never with a
# plan or a request ("rejected a peace plan").
DENIAL_NEEDS_CLAIM_OBJECT = {"reject", "dismiss", "dispute"}
COUNTER_LEMMAS = {"counter", "retort", "insist", "maintain", "contend"}
# Verbs that report speech only when a clause follows ("announced that ...", not "announced a deal").
NEEDS_CLAUSE = {"announce", "reiterate", "declare", "note", "stress", "emphasise", "explain", "reveal",
                "disclose", "confirm", "acknowledge", "admit", "concede", "suggest", "predict",
                "estimate", "post", "boast", "maintain", "insist", "add", "state", "argue"}

# Nouns that name an assertion: what a denial rejects and what an unverified cue refers back to.
CLAIM_NOUNS = {
    "claim", "claims", "allegation", "allegations", "accusation", "accusations", "assertion",
    "assertions", "report", "reports", "suggestion", "suggestions", "statement", "statements",
    "account", "accounts", "rumour", "rumours", "rumor", "rumors", "speculation", "charge", "charges",
    "version", "narrative", "story", "stories", "figures", "figure", "toll", "tally", "notion",
    "idea", "insinuation", "insinuations", "remarks", "comments", "assessment", "findings", "words",
    "information", "contention", "assertion", "reporting", "footage", "video", "videos", "images",
    "photos", "details", "numbers", "estimate", "estimates", "count",
}
# Objects that make a denial verb an ordinary action: "denied entry", "a judge denied the motion".
HARD_NEGATIVE_OBJECTS = {
    "entry", "access", "bail", "visa", "visas", "permission", "permit", "permits", "request",
    "requests", "motion", "motions", "appeal", "appeals", "application", "applications", "petition",
    "asylum", "service", "treatment", "care", "passage", "admission", "boarding", "parole",
    "license", "licence", "licenses", "licences", "funding", "loan", "bid", "bids", "offer", "offers",
    "proposal", "proposals", "plan", "plans", "deal", "deals", "resolution", "bill", "bills",
    "amendment", "amendments", "nomination", "candidacy", "case", "cases", "lawsuit", "lawsuits",
    "suit", "complaint", "complaints", "demand", "demands", "ultimatum", "compromise", "treaty",
    "candidate", "nominee", "ceasefire", "truce", "call", "calls", "invitation", "terms", "budget",
    "measure", "measures", "legislation", "agreement", "package", "merger", "takeover", "settlement",
    "coach", "manager", "minister", "employee", "employees", "staff", "officer", "officers", "chief",
    "head", "jury", "recommendation", "recommendations", "veto", "pardon", "extradition",
    "custody", "refund", "refunds", "coverage", "benefits", "membership", "citizenship",
    "right", "rights", "opportunity", "chance", "a", "an",
}
HARD_NEGATIVE_SUBJECTS = {"judge", "court", "jury", "panel", "tribunal", "insurer", "committee",
                          "board", "voters", "lawmakers", "parliament", "senate", "congress", "council"}

DENIAL_ADJECTIVES = (
    "untrue|false|baseless|groundless|unfounded|fabricated|fake|nonsense|lies|a lie|absurd|"
    "ridiculous|propaganda|disinformation|misinformation|fiction|a fabrication|fabrication|"
    "inaccurate|incorrect|misleading|wrong|slander|slanderous|a hoax|hoax|not true|not accurate|"
    "without foundation|totally untrue|completely false"
)

# Titles and roles: words that may head or modify the noun phrase naming a speaker.
TITLES = {
    "president", "vice", "prime", "minister", "ministers", "secretary", "spokesperson", "spokesman",
    "spokeswoman", "spokespeople", "spokesmen", "mayor", "governor", "chancellor", "premier",
    "ambassador", "envoy", "commander", "chief", "head", "leader", "leaders", "general", "director",
    "chairman", "chairwoman", "chair", "ceo", "executive", "executives", "founder", "senator",
    "representative", "congressman", "congresswoman", "lawmaker", "lawmakers", "mp", "official",
    "officials", "adviser", "advisers", "advisor", "advisors", "aide", "aides", "diplomat",
    "diplomats", "deputy", "counterpart", "king", "queen", "prince", "pope", "emir", "sheikh",
    "ayatollah", "sultan", "monarch", "attorney", "prosecutor", "prosecutors", "judge", "lawyer",
    "lawyers", "analyst", "analysts", "expert", "experts", "economist", "economists", "professor",
    "researcher", "researchers", "scientist", "scientists", "coordinator", "commissioner",
    "administrator", "manager", "officer", "officers", "inspector", "superintendent", "colonel",
    "captain", "major", "lieutenant", "sergeant", "admiral", "marshal", "mufti", "cardinal",
    "bishop", "archbishop", "rabbi", "imam", "negotiator", "negotiators", "mediator", "mediators",
    "rapporteur", "ombudsman", "speaker", "whip", "candidate", "nominee", "president-elect",
    "chief-of-staff", "staff", "operator", "operators", "presenter", "correspondent", "editor",
}
ROLE_NOUNS = {
    "source", "sources", "ministry", "ministries", "government", "governments", "office",
    "department", "agency", "agencies", "authorities", "authority", "military", "army", "navy",
    "police", "forces", "force", "troops", "guard", "service", "services", "administration",
    "cabinet", "parliament", "council", "committee", "commission", "union", "alliance", "coalition",
    "bank", "regulator", "regulators", "board", "investigators", "doctors", "medics", "rescuers",
    "hospital", "hospitals", "witness", "witnesses", "residents", "people", "person", "company",
    "firm", "group", "groups", "media", "outlet", "outlets", "newspaper", "newspapers",
    "broadcaster", "channel", "television", "tv", "radio", "party", "campaign", "team", "family",
    "relatives", "members", "member", "activists", "organisers", "organizers", "operator",
    "statement", "study", "survey", "poll", "data", "report", "monitor", "observers", "monitors",
    "inspectors", "workers", "staffers", "employees", "spokespeople", "militants", "rebels",
    "fighters", "soldiers", "medic", "paramedics", "prosecution", "defence", "defense", "court",
    "tribunal", "embassy", "consulate", "mission", "delegation", "secretariat", "directorate",
    "headquarters", "command", "staff", "airline", "carrier", "manufacturer", "maker", "producer",
    "lender", "insurer", "retailer", "developer", "owner", "owners", "union", "unions", "body",
    "bodies", "watchdog", "inquiry", "investigation", "prosecutors", "agency's", "figures",
    "counterparts", "ministers", "officials", "senators", "representatives",
}
MODIFIERS = {
    "the", "a", "an", "its", "his", "her", "their", "our", "two", "three", "four", "five", "six",
    "several", "some", "many", "other", "senior", "junior", "top", "former", "deputy", "acting",
    "regional", "local", "state", "federal", "national", "foreign", "interior", "health",
    "finance", "security", "intelligence", "chief", "unnamed", "anonymous", "presidential", "press",
    "emergency", "emergencies", "rescue", "humanitarian", "independent", "internal", "government",
    "economy", "economic", "justice", "energy", "trade", "environment", "education", "transport",
    "agriculture", "district", "city", "county", "provincial", "municipal", "civil", "human",
    "rights", "aid", "relief", "private", "public", "medical", "military", "defence", "defense",
    "news", "armed", "air", "naval", "border", "police", "science", "technology", "communications",
    "information", "media", "general", "general's", "high-ranking", "high", "ranking", "western",
    "european", "both", "these", "those", "this", "another", "one", "several", "few",
    "ruling", "opposition", "interim", "caretaker", "communist", "conservative", "liberal",
    "labour", "democratic", "republican", "central", "supreme", "constitutional", "appeals",
    "administration", "white", "house", "second", "third", "first", "top-ranking", "parliamentary",
    "diplomatic", "israeli", "palestinian", "local", "informed", "knowledgeable", "familiar",
    "frontline", "front-line", "hospital", "health-care", "healthcare", "vice", "prime", "foreign-policy",
    "policy", "counter-terrorism", "terrorism", "migration", "home", "family", "company", "senior-level",
    "u.s.", "us", "uk", "eu", "un", "nato", "country's", "nation's", "city's", "region's", "group's",
    "ministry's", "army's", "military's", "government's", "company's", "agency's", "alliance's",
    "party's", "state-run", "state-owned", "state-controlled", "pro-kremlin", "pro-russian",
    "pro-government", "official", "officials", "sources", "lead", "leading", "sole", "main",
}
# Phrases that may follow a speaker's head noun: "people familiar with the matter said".
SPEAKER_TAILS = (
    r"(?:familiar with|with (?:direct )?knowledge of|briefed on|close to|involved in|aware of|"
    r"speaking on condition of anonymity|who spoke on condition of anonymity|who asked not to be named|"
    r"who declined to be named|who requested anonymity)"
)

# Capitalised words that begin a clause rather than a name.
NON_NAME_CAPS = {
    "But", "And", "Or", "So", "Yet", "However", "Meanwhile", "Also", "When", "While", "After",
    "Before", "Since", "If", "Although", "Though", "As", "Because", "Where", "Asked", "Speaking",
    "Separately", "Earlier", "Later", "Still", "Now", "Then", "On", "In", "At", "For", "With",
    "From", "By", "Last", "It", "He", "She", "They", "We", "I", "You", "There", "Here", "What",
    "Why", "How", "Who", "Which", "That", "This", "These", "Those", "Instead", "Overnight",
    "Yesterday", "Today", "Tonight", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Nevertheless", "Moreover", "Furthermore",
    "Indeed", "Elsewhere", "Previously", "Once", "Not", "No", "Despite", "Following", "Amid",
    "Under", "Over", "Against", "Without", "Including", "During", "Until", "Unless", "To", "Of",
    "Both", "Each", "Every", "Some", "Many", "Most", "All", "Any", "Several", "Such", "Even",
    "Just", "Only", "According", "Citing", "Quoted", "Writing", "Posting", "Responding",
    "Addressing", "Commenting", "Answering", "Referring", "Like", "Unlike", "Read", "More", "Its",
    "His", "Her", "Their", "Our", "My", "A", "An", "The", "Mr", "Mrs", "Ms", "Dr", "Sir",
    "Breaking", "Update", "Updated", "Live", "Analysis", "Opinion", "Watch", "Photos", "Video",
}
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep",
    "gov", "prof", "rev", "sir", "dame", "lord", "lady", "president", "premier", "chancellor",
    "minister", "secretary", "general", "colonel", "captain", "major", "lieutenant", "admiral",
    "governor", "mayor", "senator", "representative", "judge", "justice", "king", "queen", "prince",
    "princess", "pope", "sheikh", "emir", "ayatollah", "cardinal", "bishop", "archbishop", "rabbi",
    "imam", "commander", "marshal", "chief", "deputy", "prime", "vice", "spokesperson",
    "spokesman", "spokeswoman", "ambassador", "envoy", "foreign", "defence", "defense", "interior",
    "finance", "health", "economy", "justice", "secretary-general", "director", "chairman",
    "chairwoman", "ceo", "officer", "sergeant", "corporal", "private", "inspector", "superintendent",
    "commissioner", "attorney", "speaker", "leader",
}
NAME_PARTICLES = {"de", "del", "della", "der", "van", "von", "da", "di", "du", "la", "le", "bin", "bint",
                  "ibn", "al", "el", "abu", "dos", "das", "y", "ter", "den", "ben", "zu", "st"}

# Nationality adjectives and other names for a country or its government, folded to one key.
COUNTRIES = {
    "russia": "russia russian russians moscow kremlin russia's",
    "ukraine": "ukraine ukrainian ukrainians kyiv kiev ukraine's",
    "france": "france french paris élysée elysee france's",
    "united states": "us u.s. usa america american americans washington pentagon united states",
    "united kingdom": "uk britain british london england english",
    "germany": "germany german berlin",
    "china": "china chinese beijing",
    "israel": "israel israeli israelis idf",
    "iran": "iran iranian tehran",
    "palestine": "palestine palestinian palestinians",
    "gaza": "gaza hamas",
    "lebanon": "lebanon lebanese beirut hezbollah",
    "syria": "syria syrian damascus",
    "turkey": "turkey turkish ankara türkiye",
    "poland": "poland polish warsaw",
    "finland": "finland finnish helsinki",
    "india": "india indian delhi",
    "pakistan": "pakistan pakistani islamabad",
    "japan": "japan japanese tokyo",
    "north korea": "pyongyang",
    "south korea": "seoul",
    "saudi arabia": "saudi riyadh",
    "egypt": "egypt egyptian cairo",
    "qatar": "qatar qatari doha",
    "belarus": "belarus belarusian minsk",
    "italy": "italy italian rome",
    "spain": "spain spanish madrid",
    "canada": "canada canadian ottawa",
    "australia": "australia australian canberra",
    "nato": "nato alliance",
    "european union": "eu brussels",
    "united nations": "un u.n.",
    "sudan": "sudan sudanese khartoum",
    "yemen": "yemen yemeni houthi houthis sanaa",
    "venezuela": "venezuela venezuelan caracas",
    "taiwan": "taiwan taiwanese taipei",
    "hungary": "hungary hungarian budapest",
}
COUNTRY_OF: dict[str, str] = {}
for _key, _words in COUNTRIES.items():
    for _w in _words.split():
        COUNTRY_OF.setdefault(_w, _key)
COUNTRY_OF["north"] = COUNTRY_OF.get("north", "")  # keeps "North Korea" from matching "korea" alone

# Built-in news outlets and well-known bodies, so that "told Reuters" and "the Kremlin said" work
# with no registry at hand. A registry given to extract() is consulted first.
OUTLETS = {
    "Reuters": ("news_agency", ""),
    "Associated Press": ("news_agency", "AP|The Associated Press|AP news agency"),
    "Agence France-Presse": ("news_agency", "AFP|Agence France Presse|France-Presse|AFP news agency"),
    "Bloomberg": ("news_agency", "Bloomberg News"),
    "TASS": ("news_agency", "Tass|TASS news agency|Tass news agency"),
    "RIA Novosti": ("news_agency", "RIA|RIA news agency"),
    "Interfax": ("news_agency", "Interfax-Ukraine|Interfax news agency"),
    "Ukrinform": ("news_agency", ""),
    "Xinhua": ("news_agency", "Xinhua news agency"),
    "Kyodo": ("news_agency", "Kyodo News"),
    "Yonhap": ("news_agency", "Yonhap news agency"),
    "Anadolu Agency": ("news_agency", "Anadolu"),
    "dpa": ("news_agency", "DPA|Deutsche Presse-Agentur"),
    "EFE": ("news_agency", ""),
    "ANSA": ("news_agency", ""),
    "PA Media": ("news_agency", "PA|Press Association|the PA news agency"),
    "IRNA": ("news_agency", ""),
    "Tasnim": ("news_agency", "Tasnim news agency"),
    "Fars": ("news_agency", "Fars news agency"),
    "WAFA": ("news_agency", "Wafa"),
    "KCNA": ("news_agency", "Korean Central News Agency"),
    "SANA": ("news_agency", ""),
    "BBC": ("news_outlet", "BBC News|the BBC"),
    "CNN": ("news_outlet", ""),
    "NPR": ("news_outlet", "National Public Radio"),
    "Al Jazeera": ("news_outlet", "Al-Jazeera|Aljazeera"),
    "Al Arabiya": ("news_outlet", ""),
    "The Guardian": ("news_outlet", "Guardian|the Guardian"),
    "The Observer": ("news_outlet", "Observer"),
    "The New York Times": ("news_outlet", "New York Times|NYT"),
    "The Washington Post": ("news_outlet", "Washington Post"),
    "The Wall Street Journal": ("news_outlet", "Wall Street Journal|WSJ"),
    "Financial Times": ("news_outlet", "FT|the FT"),
    "The Times": ("news_outlet", ""),
    "The Economist": ("news_outlet", "Economist"),
    "Axios": ("news_outlet", ""),
    "Politico": ("news_outlet", ""),
    "Sky News": ("news_outlet", "Sky"),
    "Fox News": ("news_outlet", ""),
    "NBC News": ("news_outlet", "NBC"),
    "ABC News": ("news_outlet", "ABC"),
    "CBS News": ("news_outlet", "CBS"),
    "Times of Israel": ("news_outlet", "The Times of Israel"),
    "Haaretz": ("news_outlet", ""),
    "Le Monde": ("news_outlet", ""),
    "Der Spiegel": ("news_outlet", "Spiegel"),
    "Kyiv Independent": ("news_outlet", "The Kyiv Independent"),
    "Meduza": ("news_outlet", ""),
    "RT": ("news_outlet", "Russia Today"),
    "Sputnik": ("news_outlet", ""),
    "Izvestia": ("news_outlet", ""),
    "Kommersant": ("news_outlet", ""),
    "Ukrainska Pravda": ("news_outlet", ""),
    "NHK": ("news_outlet", ""),
    "Deutsche Welle": ("news_outlet", "DW"),
    "France 24": ("news_outlet", ""),
    "Euronews": ("news_outlet", ""),
    "The Telegraph": ("news_outlet", "Telegraph"),
    "The Independent": ("news_outlet", ""),
    "USA Today": ("news_outlet", ""),
    "Los Angeles Times": ("news_outlet", "LA Times"),
    "The Hill": ("news_outlet", ""),
    "CNBC": ("news_outlet", ""),
    "Semafor": ("news_outlet", ""),
    "The Atlantic": ("news_outlet", ""),
    "Channel 4 News": ("news_outlet", ""),
    "ITV News": ("news_outlet", "ITV"),
    "Xinhua News Agency": ("news_agency", ""),
    "Global Times": ("news_outlet", ""),
    "Press TV": ("news_outlet", ""),
    "Kan": ("news_outlet", "Kan public broadcaster"),
    "Ynet": ("news_outlet", ""),
    "Telegram": ("platform", "the Telegram messaging app|Telegram messaging app|the Telegram messaging service"),
    "X": ("platform", "Twitter|X, formerly Twitter|X (formerly Twitter)"),
    "Facebook": ("platform", ""),
    "Instagram": ("platform", ""),
    "TikTok": ("platform", ""),
    "YouTube": ("platform", ""),
    "Truth Social": ("platform", ""),
    "VKontakte": ("platform", "VK"),
    "WhatsApp": ("platform", ""),
    "Threads": ("platform", ""),
    "Bluesky": ("platform", ""),
    "Kremlin": ("government_body", "the Kremlin"),
    "White House": ("government_body", "the White House"),
    "Pentagon": ("military", "the Pentagon"),
    "Downing Street": ("government_body", "No 10|No. 10"),
    "Elysée": ("government_body", "Elysee|Élysée Palace|Elysee Palace|the Élysée"),
    "State Department": ("government_body", "US State Department|the State Department"),
    "Nato": ("government_body", "NATO|the alliance"),
    "United Nations": ("government_body", "UN|U.N.|the UN"),
    "European Union": ("government_body", "EU"),
    "European Commission": ("government_body", "the Commission"),
    "Israel Defense Forces": ("military", "IDF|Israeli military|the Israeli military|Israeli army"),
    "Hamas": ("government_body", ""),
    "Hezbollah": ("government_body", ""),
    "Zaporizhzhia nuclear power plant": ("government_body", ""),
    "International Atomic Energy Agency": ("government_body", "IAEA"),
    "World Health Organization": ("ngo", "WHO|World Health Organisation"),
    "International Committee of the Red Cross": ("ngo", "ICRC|Red Cross"),
    "Amnesty International": ("ngo", "Amnesty"),
    "Human Rights Watch": ("ngo", "HRW"),
    "Médecins Sans Frontières": ("ngo", "MSF|Doctors Without Borders"),
    "UNRWA": ("ngo", ""),
    "Institute for the Study of War": ("ngo", "ISW"),
}
PLATFORM_WORDS = {"telegram", "x", "twitter", "facebook", "instagram", "tiktok", "youtube",
                  "truth social", "social media", "vkontakte", "whatsapp", "threads", "bluesky",
                  "weibo", "wechat", "linkedin", "the telegram messaging app", "telegram messaging app"}
# Lower-case media words that make a speaker a channel ("Russian news agencies", "state media").
MEDIA_HEADS = {"media", "agencies", "agency", "outlets", "outlet", "newspaper", "newspapers",
               "television", "tv", "broadcaster", "broadcasters", "daily", "press", "radio",
               "channel", "channels", "wire", "website", "tabloid", "magazine"}

# ISO 3166 alpha-2 codes of a registry's "country" field, as keys of COUNTRIES.
ISO_COUNTRY = {
    "RU": "russia", "UA": "ukraine", "FR": "france", "US": "united states", "GB": "united kingdom",
    "DE": "germany", "CN": "china", "IL": "israel", "IR": "iran", "PS": "palestine", "LB": "lebanon",
    "SY": "syria", "TR": "turkey", "PL": "poland", "FI": "finland", "IN": "india", "PK": "pakistan",
    "JP": "japan", "KP": "north korea", "KR": "south korea", "SA": "saudi arabia", "EG": "egypt",
    "QA": "qatar", "BY": "belarus", "IT": "italy", "ES": "spain", "CA": "canada", "AU": "australia",
    "SD": "sudan", "YE": "yemen", "VE": "venezuela", "TW": "taiwan", "HU": "hungary",
}
