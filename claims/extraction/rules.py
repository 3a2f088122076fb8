"""Sentence-level attribution rules: reporting cues, speakers, channels, denials.

Works on one sentence at a time with a light tokeniser and the lexicon; the document-level steps
(who "he" is, which claim a denial rejects, which claims a cue marks unverified) live in engine.py.
All offsets here are absolute offsets into the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import attrgetter

from . import lexicon as lx

_TOKEN = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Sen|Rep|Gov|Prof|Rev|Sr|Jr|Brig|Cmdr|Supt|Insp|Det)\.(?=\s)"
    r"|(?:[A-Za-z]\.){2,}(?:[’']s\b)?|\w+(?:[-’'.&]\w+)*(?:[’']s\b|(?<=s)[’'](?=\s))?|[^\w\s]",
    re.UNICODE,
)
_NAME_PREFIX = re.compile(r"^(?:al|el|ad|ash|as|at|an|ar|az|bin|ibn|abu|de|van|von|der|du|da|di|la|le|d|o)[-’'][A-Z]")
_CUE_RE = re.compile(r"\b(" + "|".join(sorted(lx.CUE_FORMS, key=len, reverse=True)) + r")\b")
_OPEN_QUOTES = {"“", '"', "‘", "'"}
_CLOSE_QUOTES = {"”", '"', "’", "'"}
_BE = {"is", "are", "was", "were", "be", "been", "being", "’s", "'s"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_DETERMINERS = {
    "the",
    "a",
    "an",
    "its",
    "his",
    "her",
    "their",
    "our",
    "this",
    "these",
    "those",
    "two",
    "three",
    "four",
    "five",
    "several",
    "some",
    "many",
    "other",
    "another",
    "one",
    "both",
}
_CLAUSE_STARTERS = {
    "that",
    "“",
    '"',
    ":",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "there",
    "if",
    "no",
    "none",
    "nobody",
    "only",
}
_AUX = {
    "will",
    "would",
    "is",
    "are",
    "was",
    "were",
    "had",
    "has",
    "have",
    "could",
    "can",
    "may",
    "might",
    "did",
    "does",
    "do",
    "must",
    "should",
    "planned",
    "plans",
    "intends",
    "killed",
    "died",
    "hit",
    "struck",
    "launched",
    "lost",
    "won",
    "remains",
    "remained",
    "owns",
    "owned",
}
# The last words an adverbial tail can end on; the regex below runs only when one of them is there.
_SPEAKER_TAIL_END = re.compile(r"\b" + lx.SPEAKER_TAILS + r"(?:\s+[\w’'-]+){0,4}\s*$")
_ADVERB_WORDS = set(
    "has have had was were is are also later earlier previously reportedly separately then again further "
    "recently repeatedly would will immediately quickly swiftly flatly strongly firmly categorically vehemently "
    "publicly privately officially formally initially first once since already now still often frequently "
    "angrily openly long subsequently however too simply yesterday today tonight statement interview post video both "
    "speech address briefing conference message letter filing report always consistently".split()
)
_ADVERB_TAIL = re.compile(
    r"(?:[\s,]*\b(?:has|have|had|was|were|is|are|also|later|earlier|previously|reportedly|"
    r"separately|then|again|further|recently|repeatedly|would|will|immediately|quickly|swiftly|"
    r"flatly|strongly|firmly|categorically|vehemently|publicly|privately|officially|formally|always|consistently|"
    r"initially|first|once|since|already|now|still|often|frequently|angrily|openly|previously|long|"
    r"subsequently|however|too|simply|both|last\s+\w+|this\s+\w+|on\s+(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|\w+day)|(?:late|early)\s+on\s+\w+|yesterday|today|tonight|"
    r"in\s+(?:a|an|its|his|her|their|the)\s+(?:(?:\w+\s+){0,2})(?:statement|interview|post|video|"
    r"speech|address|briefing|conference|message|letter|filing|report)(?:\s+on\s+\w+)?)\b)+\s*$",
    re.IGNORECASE,
)
_NOT_IN_PHRASE = (
    r"(?:has|have|had|is|was|were|are|been|will|would|and|that|who|he|she|they|it|"
    + "|".join(sorted(lx.CUE_FORMS, key=len, reverse=True))
    + r")\b"
)
_DET_PHRASE = re.compile(
    r"(?:^|[,;:—–]\s*|[”\"]\s*|\b(?:after|before|when|while|as|since|because|although|though|until|where)\s+)"
    r"((?:the|a|an|his|her|their|its|our|one|two|three|several|some|many|other|most)"
    r"\s+(?:(?!" + _NOT_IN_PHRASE + r")[\w’'-]+\s+){0,3}(?!" + _NOT_IN_PHRASE + r")[a-z][\w’'-]*)$",
    re.IGNORECASE,
)
# "..., but relatives of the men insist", "..., while residents of the town said": people named by whose
# people they are, after a conjunction
_BARE_PLURAL_PHRASE = re.compile(
    r"[,;]\s*(?:but|while|whereas|and|yet)\s+([a-z]+s\s+(?:of|for|at|from|in)\s+(?:[\w’'-]+\s+){0,3}[a-z][\w’'-]*)$"
)
_FINITE = {
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "do",
    "does",
    "did",
    "who",
    "which",
    "that",
    "when",
    "where",
    "while",
    "after",
    "if",
    "because",
    "as",
}
# "told Reuters in an interview on Monday.": adverbials that close a trailing attribution
_TRAILING_ADVERBIAL = re.compile(
    r"(?:in|on|at|during|last|this|late|early|earlier|later|yesterday|today|tonight|via|over|after|before|by|"
    r"overnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"[^,;:“”\"]*$",
    re.IGNORECASE,
)
_CONTRACTIONS = {"it", "that", "there", "what", "he", "she", "who", "here", "let", "where", "how"}
_FUNCTION_WORDS = {
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "that",
    "which",
    "who",
    "and",
    "or",
    "but",
    "as",
    "than",
    "if",
    "when",
    "while",
    "where",
    "after",
    "before",
    "is",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "said",
    "says",
    "told",
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "not",
    "no",
    "also",
    "over",
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "there",
}
_ADJ_SUFFIX = re.compile(r"(?:al|ic|ian|ese|ish|ive|ous|ary|ory|ent|ant|ful|less|ern|ist)$")
# "..., the General Staff reported on Sunday.": a short adverbial and nothing reported after the cue
# ", adding that ...", ", citing people familiar with the matter": what follows the cue is no content of its own
_DATELINE = re.compile(
    r"[A-Z]{3}[A-Z.'’/ ]{0,40}?(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?)?\s*(?:\([^)]{1,40}\)\s*)?"
    r"[-—–]+\s+"
)
_ADDING_TAIL = re.compile(
    r",\s*(?:adding|saying|noting|insisting|stressing|explaining|citing|quoting)\b", re.IGNORECASE
)
_NAMED_BODY_SEG = re.compile(r"the\s+(?:[A-Z][\w’'&.-]*\s+){1,5}[a-z]+")
_AGE_HEAD = re.compile(r"\d{1,3}-year-old")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# "denied that ...", "denied reports that ...": an account is what is rejected, whoever rejects it
_ACCOUNT_OBJECT = re.compile(
    r"\s+(?:that\b|(?:the\s+|a\s+|any\s+|media\s+|press\s+|news\s+)*(?:reports?|claims?|allegations?|"
    r"suggestions?|accusations?|assertions?|rumou?rs?)\s+that\b)",
    re.IGNORECASE,
)
_AFTER_CUE_ADVERBIAL = re.compile(
    r"(?:(?:in|on|at|during|last|this|late|early|earlier|later|yesterday|today|tonight|via|over|after|before|by|"
    r"overnight)\b(?:\s+(?!that\b|it\b|he\b|she\b|they\b)[\w’'-]+){0,5}"
    # "..., the ministry said Thursday": a bare weekday is as much a time as "on Thursday"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    # "he said in a statement posted on social media", "in an emailed statement to Bloomberg News"
    r"|in\s+an?\s+(?:[\w-]+\s+)?statement(?:\s+(?:posted|published|issued|released|read|shared|sent|given))?"
    r"\s+(?:on|to|by|in|at)"
    r"(?:\s+[\w’'-]+){1,4})\s*$",
    re.IGNORECASE,
)


def _by_author(found: Mention, author: Mention | None) -> Mention:
    """A document that "alleges" or "says" speaks for whoever wrote it, when the text names them."""
    if author is not None and found.text.split() and found.text.split()[-1].lower() in _DOCUMENTS:
        return author
    return found


_AGENT_DATE = re.compile(
    r"\s+(?:on\s+\w+day|last\s+\w+|this\s+\w+|earlier\s+this\s+\w+|in\s+(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December|\d{4})|(?:on\s+)?(?:yesterday|today))(?:\s+\w+)?$"
)
_BY_AGENT = re.compile(r"\bby\s+((?:an?|the|two|three|several)?\s*[^,;()]{2,70}?)\s*$")
_DOCUMENTS = {
    "complaint",
    "lawsuit",
    "suit",
    "filing",
    "report",
    "study",
    "letter",
    "document",
    "documents",
    "petition",
    "indictment",
    "survey",
    "poll",
    "analysis",
    "assessment",
    "memo",
    "statement",
    "review",
}
_NOUN_LIKE_CUES = {
    "claims",
    "reports",
    "estimates",
    "notes",
    "counters",
    "posts",
    "states",
    "tweets",
    "adds",
    "claim",
    "estimate",
    "dispute",
    "finds",
    "shows",
    "confirm",
    "warn",
    "report",
    "deny",
}
_PARENTHETICAL_START = {
    "filed",
    "signed",
    "submitted",
    "sent",
    "written",
    "made",
    "dated",
    "lodged",
    "brought",
    "conducted",
    "commissioned",
    "compiled",
    "carried",
    "cited",
    "published",
    "released",
    "issued",
    "obtained",
    "broadcast",
    "writing",
    "speaking",
    "quoted",
    "citing",
    "who",
    "which",
    "in",
    "on",
    "at",
    "according",
    "responding",
    "asked",
    "when",
    "while",
    "after",
    "referring",
    "addressing",
    "posting",
    "commenting",
    "answering",
    "appearing",
    "interviewed",
    "reached",
    "contacted",
    "reporting",
    "referencing",
    "adding",
    "visiting",
    "during",
    "before",
    "following",
    "with",
    "without",
    "for",
    "via",
    "through",
    "from",
    "like",
    "as",
    "also",
    "however",
    "meanwhile",
    "though",
    "too",
    "instead",
    "meeting",
    "standing",
    "testifying",
    "visibly",
    "alongside",
    "separately",
    "later",
    "earlier",
    "moreover",
    "furthermore",
    "nevertheless",
    "today",
    "yesterday",
    "then",
    "by",
    "under",
    "whose",
}
_DAY_MONTH = {
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
}
_ORG_WORDS = {
    "ministry",
    "office",
    "council",
    "forces",
    "agency",
    "press",
    "news",
    "party",
    "army",
    "police",
    "department",
    "committee",
    "commission",
    "union",
    "house",
    "bank",
    "group",
    "company",
    "inc",
    "corp",
    "institute",
    "university",
    "court",
    "guard",
    "service",
    "times",
    "post",
    "journal",
    "government",
    "administration",
    "command",
    "staff",
    "navy",
    "embassy",
    "federation",
    "organisation",
    "organization",
    "foundation",
    "fund",
    "authority",
    "board",
    "bureau",
    "directorate",
    "network",
    "center",
    "centre",
    "assembly",
    "parliament",
    "senate",
    "congress",
    "kremlin",
    "pentagon",
    "military",
    "corps",
    "brigade",
    "battalion",
    "regiment",
    "division",
    "unit",
    "monitor",
    "watch",
    "observatory",
    "association",
    "coalition",
    "alliance",
    "front",
    "movement",
    "brotherhood",
    "jihad",
    "league",
    "cabinet",
    "palace",
    "hall",
    "state",
    "reserve",
    "exchange",
    "media",
    "telegraph",
    "guardian",
    "herald",
    "tribune",
    "gazette",
    "daily",
    "radio",
    "television",
    "tv",
    "channel",
    "ltd",
    "plc",
    "llc",
    "co",
}

DENIAL_ADJ_RE = re.compile(
    r"\b(?:is|was|are|were|be|been|as|being|it)\s+[“\"‘']?(?:(?:\w+ly|simply|just|all|a|an|pure|total|"
    r"complete|utter|absolute|blatant|outright|more)\s+){0,2}(?:" + lx.DENIAL_ADJECTIVES + r")\b",
    re.IGNORECASE,
)
DENIAL_PHRASE_RE = re.compile(
    r"\b(?:neither\s+\w+ed\s+nor\s+(?!denied)\w+ed|no\s+such\s+(?:plans?|thing|talks|discussions?|"
    r"meetings?|agreements?|decisions?|proposals?|requests?|offers?|conversations?|calls?|incidents?|attacks?|"
    r"strikes?|orders?|intentions?|contacts?|negotiations?|deals?|letters?|documents?|recall|pause|ban)|"
    r"(?:is|was|are|were)\s+(?:simply\s+|just\s+)?not\s+on\s+the\s+(?:agenda|table)|not\s+true|never\s+(?:happened|took\s+place|said|made|agreed|"
    r"discussed|proposed|existed)|did\s+not\s+(?:happen|take\s+place|occur)|"
    r"(?:had|has|have)\s+nothing\s+to\s+do\s+with|no\s+truth[”\"’']?\s+(?:to|in)|disagree(?:s|d)?[”\"’']?\s+with\s+(?:the\s+|these\s+|this\s+|its\s+)?(?:\w+\s+)?(?:findings?|conclusions?|reports?|assessment|allegations?|claims?|characteri[sz]ation|views?)|no\s+basis\s+in|"
    r"(?:categorically|flatly|strongly)\s+(?:denied|rejected|refuted)|fake\s+news|no\s+basis\s+(?:for|in)|"
    r"(?:is|was|are|were)\s+[“\"‘']?lying|\blied\b|(?:did|done|doing)\s+nothing\s+wrong|"
    # "accused Kyiv of spreading lies" rejects Kyiv's claims; "accounts accused of spreading disinformation",
    # "sites that spread false news" only say what the accounts or sites are
    r"(?<!accused of )(?<!accounts )(?<!posts )(?<!sites )(?<!pages )(?<!bots )(?<!channels )(?<!users )"
    r"(?<!that )(?<!which )"
    r"(?:spreading|spread|peddling|pushing|repeating)\s+[“\"‘']?(?:false|fake|misleading|disinformation|"
    r"misinformation|lies)|[“\"‘']?(?:false|fake|baseless|unfounded)[”\"’']?\s+(?:claims?|information|reports?|"
    r"allegations?|accusations?|stories|narratives?)|"
    r"push(?:ed|es|ing)?\s+back\s+(?:against|on)\s+(?:(?:the|a|an|these|such|media|news|newspaper|press)\s+){0,2}"
    r"(?:claims?|reports?|allegations?|"
    r"accusations?|suggestions?)|"
    r"(?:he|she|they|it|we)\s+(?:had\s+|has\s+|have\s+)?(?:denied|denies|deny|rejected|rejects|refuted)\b|"
    r"there\s+(?:is|was|were)\s+no\s+(?:such|truth|evidence\s+(?:of|that|to))|"
    r"(?:is|was|were|are)\s+not\s+(?:involved|responsible)|played\s+no\s+(?:role|part))\b",
    re.IGNORECASE,
)
_RELATIVE_FALSE_RE = re.compile(
    r"\b(?:a|an|the)\s+(?:claim|assertion|allegation|accusation|statement|charge|figure)\s+(?:that|which)\s+"
    r"(?P<who>(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|(?:the\s+)?[a-z]+\s+[a-z]+)\s+"
    r"(?P<verb>(?:(?:has|have|had)\s+)?(?:found|called|described|deemed|judged|rated|showed|shown|proved))\b"
    r"(?:\s+\w+){0,3}?\s+(?:" + lx.DENIAL_ADJECTIVES + r")\b"
)
CALLED_FALSE_RE = re.compile(
    r"\b(?:called|calling|calls|described|describing|describes|labelled|labeled|labelling|branded|"
    r"dismissed|dismissing|dismisses|termed|denounced)\b(?P<obj>[^.;:]{0,90}?)\s(?:as\s+)?"
    r"[“\"‘']?(?:(?:\w+ly|simply|pure|total|complete|utter|absolute|blatant|outright|a|an)\s+){0,2}(?:"
    + lx.DENIAL_ADJECTIVES
    + r")\b",
    re.IGNORECASE,
)
OPINION_RE = re.compile(
    # advice: "Consumers should not eat the products", "people must stay indoors"
    r"^\W*(?:(?:the|all|any|those|local)\s+)?(?:consumers|customers|residents|people|travellers|travelers|"
    r"patients|parents|drivers|motorists|users|passengers|shoppers|the\s+public)\s+(?:should|must)\s+(?!have\b)"
    r"|^\W*(?:(?:and|but|so|now|today)\s+)?(?:we|i)\s+(?:(?:all|also|really|fully|strongly|very much|"
    r"still|now|do)\s+)?(?:support|welcome|condemn|call|urge|hope|want|wish|thank|appreciate|stand|"
    r"must|should|need|will|can|cannot|can't|would like|look forward|are ready|are committed|"
    r"remain committed|are determined|expect|encourage|applaud|congratulate|salute|pray|ask|"
    r"demand|insist|intend|do\s+not\s+comment|don't\s+comment|will\s+not\s+comment|won't\s+comment)\b"
    r"|\b(?:deserves?|no\s+comment|declined?\s+to\s+comment|not\s+going\s+to\s+comment|"
    r"(?:would|did|does|do|will|could)\s+not\s+comment|(?:doesn't|don't|didn't|won't|wouldn't)\s+comment)\b"
    r"|\b(?:the most important thing|it is (?:important|time|essential|vital|crucial|necessary)|"
    r"(?:we|you)\s+(?:all\s+)?(?:must|should|need to|have to)\b|let us\b|let's\b)"
    # feelings: "said he was appalled and deeply shocked"
    r"|^\W*(?:he|she|they|it|we|i|the\s+\w+)\s+(?:was|were|is|are|am|felt|feels|remained?|had\s+been)\s+"
    r"[“\"‘']?(?:(?:deeply|very|extremely|profoundly|gravely|greatly|so|quite|particularly|also|still)\s+)*"
    r"[“\"‘']?(?:appalled|shocked|saddened|concerned|alarmed|outraged|horrified|disappointed|pleased|delighted|"
    r"proud|grateful|dismayed|troubled|worried|heartbroken|devastated|encouraged|optimistic|hopeful|confident|"
    r"satisfied|happy|sorry|angry|furious|disturbed|distressed)\b"
    # intentions and non-answers: "would consider legal action", "had nothing to add", "was examining the claim"
    r"|^\W*(?:he|she|they|it|we|i|the\s+\w+|\w+)\s+(?:would|will|could|may|might)\s+(?:also\s+)?[“\"‘']?"
    r"(?:consider|take\s+all|take\s+(?:the\s+)?necessary|respond|retaliate|review|study|examine|look\s+into|"
    r"continue\s+to\s+(?:monitor|support|work)|reserve|decide|seek\s+(?:legal|further))\b"
    r"|\b(?:had|has|have)\s+[“\"‘']?nothing\s+(?:to\s+add|further\s+to\s+add|more\s+to\s+say)\b"
    r"|^\W*(?:he|she|they|it|we|i|the\s+\w+)\s+(?:was|were|is|are)\s+[“\"‘']?(?:examining|reviewing|"
    r"looking\s+into|investigating|studying|aware\s+of|checking)\s+(?:the|these|those|this|that|such)\s+"
    r"(?:claims?|reports?|allegations?|incident|matter|footage|video|images|details)\b"
    # stances: "said the president supported the investigation", "welcomed the decision"
    r"|^\W*(?:he|she|they|it|we|i|the\s+\w+(?:\s+\w+)?)\s+(?:fully\s+|strongly\s+)?(?:supported|supports|"
    r"backed|backs|welcomed|welcomes|opposed|opposes|condemned|condemns)\s+(?:the|a|an|this|that|any|all)\b",
    re.IGNORECASE,
)

_CLAIM_NOUN_RE = re.compile(r"\b(?:" + "|".join(sorted(lx.CLAIM_NOUNS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_PLATFORM_RE = re.compile(
    r"\b(?:on|via|in\s+a\s+(?:\w+\s+)?(?:post|message|video|statement)\s+on|on\s+(?:its|his|her|their)\s+"
    r"(?:official\s+)?)\s*(?:the\s+)?(Telegram(?:\s+messaging\s+(?:app|service))?|X|Twitter|Facebook|"
    r"Instagram|TikTok|YouTube|Truth\s+Social|VKontakte|WhatsApp|Threads|Bluesky|social\s+media|"
    r"Weibo|WeChat|LinkedIn)\b"
)
_STATEMENT_RE = re.compile(r"\bin\s+a\s+(?:\w+\s+){0,2}statement\b", re.IGNORECASE)
_ACCORDING_RE = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_QUOTED_BY_RE = re.compile(r"\bquoted\s+by\s+", re.IGNORECASE)
_CITING_RE = re.compile(r"\bciting\s+", re.IGNORECASE)
_TELLING_RE = re.compile(r"\btelling\s+", re.IGNORECASE)
_RESPONSE_TO_RE = re.compile(
    r"\b(?:response|responses|reply|replies|answer|answers|statement|comments?)\s+"
    r"(?:(?:sent|emailed|e-mailed|given|provided|texted)\s+)?to\s+",
    re.IGNORECASE,
)
_WRITING_IN_RE = re.compile(r"\b(?:writing|wrote|speaking|spoke)\s+(?:in|to)\s+", re.IGNORECASE)
_REPORTED_BY_RE = re.compile(
    r"\b(?:reported|published|obtained|seen|first\s+reported|carried|cited|broadcast|aired|relayed|reached)\s+by\s+",
    re.IGNORECASE,
)
# "a statement read on state broadcaster ORTM", "a video aired on Channel 12": the medium carries it
_AIRED_ON_RE = re.compile(r"\b(?:read(?:\s+out)?|broadcast|aired|shown|televised|carried)\s+on\s+", re.IGNORECASE)
_INTERVIEW_RE = re.compile(
    r"\b(?:interview|speaking|talking|conversation|spoke|talked)\s+(?:with|to)\s+", re.IGNORECASE
)
_RELAYER = re.compile(r"^(?:the\s+)?[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,4}$")
_AS_SAYING_RE = re.compile(r"\bas\s+saying\b", re.IGNORECASE)
_STATEMENT_FROM_RE = re.compile(
    r"^(?:an?|the)\s+(?:\w+\s+){0,2}?(?:statement|report|post|readout|communique|communiqué|"
    r"message|tally|count|estimate|figures|data|transcript|filing|letter|note|release|video|poll|survey|"
    r"study|analysis|review|investigation|assessment|complaint|lawsuit|census)\s+"
    r"(?:from|by|of|issued\s+by|released\s+by|published\s+by|posted\s+by|conducted\s+by)\s+",
    re.IGNORECASE,
)


def unpossess(word: str) -> str:
    """The word without a trailing possessive: "Russia's" -> "Russia"."""
    if word.endswith(("’s", "'s")):
        return word[:-2]
    return word


class Tok:
    """A token with its absolute offsets."""

    __slots__ = ("text", "start", "end", "low", "is_cap")

    def __init__(self, text: str, start: int, end: int):
        self.text = text
        self.start = start
        self.end = end
        self.low = text.lower()
        self.is_cap = text[:1].isupper()

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end})"


@dataclass
class Mention:
    """A noun phrase naming a speaker or channel, as written in the sentence."""

    text: str
    start: int
    end: int
    title: str | None = None  # an appositive title: "the alliance's secretary general"


@dataclass
class Attribution:
    """One reporting cue with its speaker, channels and content, before document-level resolution."""

    cue_start: int
    cue_end: int
    lemma: str
    speaker: Mention | None
    kind: str = "claim"  # claim | denial | counter (counter is confirmed or dropped by the engine)
    relative: bool = False  # "a claim that Paris denied": rejects a claim of the same sentence
    content: tuple[int, int] | None = None
    obj: str = ""  # the words after a denial verb: what is denied
    channels: list[tuple[str, str, int]] = field(default_factory=list)  # (name, role, position)
    confidence: float = 0.8
    outlet_speaker: bool = False


@dataclass
class SentenceAnalysis:
    start: int
    end: int
    attributions: list[Attribution]
    sources: list[tuple[str, str, int]]  # (name, role, position): according to / citing / statement body
    channels: list[tuple[str, str, int]]  # (name, role, position)
    tokens: list[Tok] | None = None  # kept for the document-level pass, which reads names from them


def _first_tok_from(toks: list[Tok], pos: int) -> int:
    """Index of the first token starting at or after pos (len(toks) if none); tokens are in text order."""
    return bisect_left(toks, pos, key=_TOK_START)


_TOK_START = attrgetter("start")


def tokenize(text: str, offset: int) -> list[Tok]:
    # Tokens are separated by nothing but whitespace, so each one is found from the end of the last;
    # building them without Tok.__init__ and match objects halves the cost of the commonest step.
    out = []
    append = out.append
    find = text.find
    pos = 0
    new = object.__new__
    for word in _TOKEN.findall(text):
        a = find(word, pos)
        pos = a + len(word)
        tok = new(Tok)
        tok.text = word
        tok.start = a + offset
        tok.end = pos + offset
        tok.low = word.lower()
        tok.is_cap = word[:1].isupper()
        append(tok)
    return out


# "local broadcaster Suspilne", "the newspaper Kathimerini", "public broadcaster NHK"
_MEDIUM_THEN_NAME = re.compile(
    r"^(?:the\s+)?(?:[a-z-]+\s+){0,2}(?:broadcaster|newspaper|daily|paper|tabloid|weekly|magazine|"
    r"news\s+agency|news\s+site|news\s+website|news\s+outlet|outlet|television|TV|radio|channel|"
    r"broadcaster)\s+(?P<name>[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,4})$"
)


_MEDIUM_LEAD = re.compile(r"^(?:the\s+)?[A-Z][a-z]+(?:n|ine|ese|ish|ch|i)\s+(?=[a-z])")  # "the German newspaper Bild"


def is_outlet_name(name: str, gaz) -> bool:
    """A news organisation (rather than a person or a government body)."""
    entry = gaz.match(name) if gaz is not None else None
    if entry is not None:
        return entry.kind in ("news_agency", "news_outlet")
    words = name.lower().replace("’", "'").split()
    if not words:
        return False
    parts = name.split()[1:] if words[0] == "the" else name.split()
    if gaz is not None and 2 <= len(parts) <= 4 and parts[0][:1].isupper():
        # "BBC Radio 4", "CNN International", "the BBC Burmese service": a programme or service of an outlet
        first = gaz.match(unpossess(parts[0]))
        if (
            first is not None
            and first.kind in ("news_agency", "news_outlet")
            and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SERVICE_WORDS for w in parts[1:])
        ):
            return True
    if words[-1] in lx.MEDIA_HEADS and not any(w in lx.TITLES for w in words):
        return True
    if name[:1].isupper() and words[-1] in _NEWSPAPER_HEADS and len(words) <= 5:
        return True  # "The Sunday Times", "the Daily Mail", "the Kyiv Post"
    return "news" in words and ("agency" in words or "agencies" in words)


_SERVICE_WORDS = {"service", "programme", "program", "show", "podcast", "website", "channel", "radio", "newsletter"}
_NEWSPAPER_HEADS = {
    "times",
    "post",
    "journal",
    "herald",
    "telegraph",
    "tribune",
    "gazette",
    "mail",
    "express",
    "standard",
    "observer",
    "chronicle",
    "daily",
    "mirror",
    "sun",
    "inquirer",
    "examiner",
    "courier",
    "dispatch",
    "bulletin",
    "review",
    "pravda",
    "izvestia",
    "kommersant",
    "today",
}


def _np_token_ok(tok: Tok) -> bool:
    t = tok.text
    if not t[:1].isalnum():
        return False
    low = t.lower()
    base = unpossess(low)
    if t[:1].isupper():
        return t not in lx.NON_NAME_CAPS or t in ("The", "A", "An", "His", "Her", "Their", "Its", "Our")
    if _NAME_PREFIX.match(t):
        return True
    if low.endswith(("’s", "'s")) and low[:-2] not in _CONTRACTIONS and t[:1].isalpha():
        return True  # "the neighbour's foreign ministry"
    if low.endswith(("s’", "s'")) and t[:1].isalpha():
        return True  # "the families’ lawyer"
    if t[:1].isdigit():
        return True
    return (
        base in lx.TITLES
        or base in lx.ROLE_NOUNS
        or low in lx.MODIFIERS
        or base in lx.MODIFIERS
        or low in lx.NAME_PARTICLES
        or low in ("of", "for", "and", "&", "at", "in")
    )


def _np_backward(toks: list[Tok], j: int) -> tuple[int, int] | None:
    """Token range [i, j) of the noun phrase that ends right before token j."""
    if j <= 0:
        return None
    last = toks[j - 1]
    if last.low in _PRONOUNS:
        return (j - 1, j)
    i = j
    while i > 0 and (
        _np_token_ok(toks[i - 1])
        or (
            toks[i - 1].text in _DAY_MONTH and i < j and toks[i].is_cap  # "The Sunday Times"
        )
        or (
            # "Reporters Without Borders", "Physicians for Human Rights": a capitalised linker inside a name
            toks[i - 1].text in ("Without", "For", "Against", "Of", "And")
            and i >= 2
            and i < j
            and toks[i].is_cap
            and toks[i - 2].is_cap
            and toks[i - 2].text not in lx.NON_NAME_CAPS
        )
        or (
            # "A former aide to Governor Ellen Cartwright": the aide is the head
            toks[i - 1].low == "to" and i >= 2 and i < j and toks[i].is_cap and unpossess(toks[i - 2].low) in lx.TITLES
        )
        or (
            # "the National Commission on Human Rights", "the Council on Foreign Relations": "on" inside a
            # body's name, between a capitalised body word and a capitalised word that is no date
            toks[i - 1].low == "on"
            and i >= 2
            and i < j
            and toks[i].is_cap
            and toks[i].text not in _DAY_MONTH
            and toks[i - 2].low in _ORG_WORDS
            and toks[i - 2].is_cap
        )
    ):
        i -= 1
        if (
            toks[i].low in _DETERMINERS
            and toks[i].low not in ("one", "two", "three", "four", "five")
            or (toks[i].text in _DAY_MONTH and (i == 0 or not _np_token_ok(toks[i - 1])))
        ):
            # "the mayor and the regional governor": a determiner after "and" is not the start
            if i >= 2 and toks[i - 1].low in ("and", "of") and _np_token_ok(toks[i - 2]):
                continue
            # "Medical sources at the town's hospital", "a spokesperson for the agency"
            if (
                i >= 2
                and toks[i - 1].low in ("at", "for", "in", "from", "to")
                and (unpossess(toks[i - 2].low) in lx.ROLE_NOUNS or unpossess(toks[i - 2].low) in lx.TITLES)
            ):
                continue
            break
    # "China's coast guard", "Israel's border police": a plain noun between a named possessor and the head
    if (
        2 <= i < j
        and toks[i - 1].text.isalpha()
        and toks[i - 1].text.islower()
        and toks[i - 1].low not in _FUNCTION_WORDS
        and toks[i - 1].low not in lx.CUE_FORMS
        and toks[i - 2].low.endswith(("’s", "'s"))
        and toks[i - 2].text[:1].isupper()
    ):
        i -= 2
        while i > 0 and toks[i - 1].is_cap and _np_token_ok(toks[i - 1]):
            i -= 1
    # "State environmental officials": adjectives the lexicon lacks, up to a capital or a determiner
    k = i
    while (
        k > 0
        and j - k < 8
        and toks[k - 1].text.isalpha()
        and toks[k - 1].text.islower()
        and (
            _ADJ_SUFFIX.search(toks[k - 1].low)
            and toks[k - 1].low not in _FUNCTION_WORDS
            and toks[k - 1].low not in lx.CUE_FORMS
        )
    ):
        k -= 1
    if k < i and (k == 0 or toks[k - 1].is_cap or toks[k - 1].low in _DETERMINERS):
        i = k
        while i > 0 and (toks[i - 1].is_cap and _np_token_ok(toks[i - 1]) or toks[i - 1].low in _DETERMINERS):
            i -= 1
            if toks[i].low in _DETERMINERS:
                break
    # Connectives may sit inside a phrase but neither begin nor end it.
    while i < j and toks[i].low in ("of", "for", "and", "&", "at", "in"):
        i += 1
    if i >= j:
        return None
    head = toks[j - 1]
    hbase = unpossess(head.low)
    if not (
        head.is_cap
        or hbase in lx.TITLES
        or hbase in lx.ROLE_NOUNS
        or _NAME_PREFIX.match(head.text)
        or _AGE_HEAD.fullmatch(head.low)  # "the 27-year-old wrote": the person the story is about
    ):
        return None
    if head.low.endswith(("’s", "'s")):
        return None
    # "in"/"at" only inside names of bodies ("the mayor of Kharkiv" is fine, "in Kyiv where" is not).
    return (i, j)


def _np_forward(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """Token range [i, j) of the noun phrase that starts at token i."""
    j = i
    n = len(toks)
    while (
        j < n
        and _np_token_ok(toks[j])
        and (
            toks[j].low not in ("in", "at")
            # "researchers at the cybersecurity firm Recorded Future", "officials in Kyiv"
            or (
                j > i
                and unpossess(toks[j - 1].low) in lx.TITLES | lx.ROLE_NOUNS
                and j + 1 < n
                and (toks[j + 1].is_cap or toks[j + 1].low in _DETERMINERS)
            )
        )
    ):
        if j > i and toks[j].low in _DETERMINERS and toks[j - 1].low not in ("of", "for", "and", "at", "in"):
            break
        j += 1
    # "Associated Press (AP)": swallow a parenthetical abbreviation.
    if j + 2 < n and toks[j].text == "(" and toks[j + 2].text == ")" and toks[j + 1].text.isupper():
        j += 3
        # "the National Unity Government (NUG) and local resistance fighters": the phrase goes on
        if j + 1 < n and toks[j].low == "and" and _np_token_ok(toks[j + 1]):
            rest = _np_forward(toks, j + 1)
            if rest is not None:
                j = rest[1]
    while j > i and toks[j - 1].low in ("of", "for", "and", "&", "the", "a", "at", "in"):
        j -= 1
    # "federal records": a phrase that ends on a modifier goes on to its noun
    if (
        i < j < n
        and not toks[j - 1].is_cap
        and toks[j - 1].low in lx.MODIFIERS
        and toks[j - 1].low not in lx.ROLE_NOUNS
    ):
        nxt = toks[j]
        if nxt.text.isalpha() and nxt.text.islower() and nxt.low not in _FUNCTION_WORDS:
            j += 1
            # "a local resistance committee": a compound whose head names a body or a role
            if j < n and toks[j].text.islower() and (toks[j].low in _ORG_WORDS or toks[j].low in lx.ROLE_NOUNS):
                j += 1
    # "trade publication Pollstar", "research firm Kpler": the name after a described kind of body
    if (
        i < j < n
        and toks[j - 1].text.islower()
        and toks[j - 1].low in _DESCRIBED_KINDS
        and toks[j].is_cap
        and toks[j].text not in _DAY_MONTH
        and toks[j].text not in lx.NON_NAME_CAPS
    ):
        while j < n and toks[j].is_cap and toks[j].text not in _DAY_MONTH:
            j += 1
    if j <= i:
        return None
    return (i, j)


_DESCRIBED_KINDS = frozenset(
    "publication magazine website newspaper broadcaster firm consultancy provider tracker platform company".split()
)


def _span_text(text: str, base: int, a: int, b: int) -> str:
    return text[a:b]


def _clean_np(s: str) -> str:
    s = re.sub(r"\s*\([A-Z]{2,6}\)\s*$", "", s.strip())
    return s.strip(" ,")


def _is_name_seg(seg: str) -> bool:
    words = seg.split()
    if not 1 <= len(words) <= 6:
        return False
    for w in words:
        if w.lower() in lx.NAME_PARTICLES or w.lower() in ("of", "the", "and"):
            continue
        if "-" in w and w.split("-")[0].lower() in lx.NAME_PARTICLES and w.split("-")[1][:1].isupper():
            continue  # "al-Thani", "el-Sisi"
        if not w[:1].isupper() or w in lx.NON_NAME_CAPS:
            return False
    return True


# "Kremlin aide Vladimir Medinsky", "midfielder Álvaro Mena", "Marco Ferrante of the site Il Riflettore":
# a person's name after the words that say who they are, or before where they work
_TITLED_NAME = re.compile(
    r"^(?P<title>(?:[\w’'-]+\s+){1,4}?)?(?P<name>[A-Z][\w’'-]+(?:\s+(?:(?:bin|ibn|al|el|de|da|van|von|der|le|la|du|"
    r"dos|das)\s+)?[A-Z][\w’'-]+){1,3})(?:\s+(?:of|at|from)\s+.+)?$"
)


def _titled_person(seg: str) -> tuple[str, str | None] | None:
    """(name, title) where an appositive is a person's name with a title before it or a place after it."""
    m = _TITLED_NAME.match(seg)
    if m is None:
        return None
    name, title = m.group("name"), (m.group("title") or "").strip()
    if any(w in lx.NON_NAME_CAPS or w.lower() in lx.TITLES for w in name.split()):
        return None  # "Defence Minister Rustem Umerov" is handled as a title; "The Guardian" is no person
    if title:
        words = [unpossess(w.lower()) for w in title.split()]
        if not any(w in lx.TITLES or w in lx.ROLE_NOUNS or w in _DESCRIBED_PERSON for w in words):
            return None
    elif m.group(0) == name:
        return None  # a bare name: the plain name rule reads it
    return name, title or None


_DESCRIBED_PERSON = {
    "aide", "midfielder", "striker", "defender", "goalkeeper", "forward", "player", "coach", "manager",
    "journalist", "reporter", "correspondent", "photographer", "activist", "lawyer", "attorney", "researcher",
    "analyst", "doctor", "surgeon", "nurse", "resident", "student", "teacher", "driver", "pilot", "farmer",
    "veteran", "survivor", "witness", "cousin", "aunt", "uncle", "brother", "sister", "father", "mother", "son",
    "daughter", "wife", "husband", "widow", "neighbour", "neighbor", "friend", "colleague", "founder", "owner",
    "economist", "strategist", "candidate", "lawmaker", "senator", "envoy", "negotiator", "adviser", "advisor",
}  # fmt: skip


def _is_title_seg(seg: str) -> bool:
    words = [unpossess(w.lower().strip(",")) for w in seg.split()]
    if not words or len(words) > 12:
        return False
    return any(w in lx.TITLES for w in words) and (
        seg[:1].islower()
        or words[0] in ("the", "a", "an")
        or seg.split()[0].endswith(("’s", "'s"))
        or words[0] in lx.COUNTRY_OF
    )


def _source_np(text: str, base: int, start: int, gaz, limit: int | None = None) -> tuple[str, int, int, str] | None:
    """The source named after "according to" / "quoted by" / "citing": (name, start, end, role).

    The name ends with its sentence (`limit`, the sentence's end, where the caller knows it)."""
    rest = text[start : min(start + 300, limit)] if limit is not None else text[start : start + 300]
    role = "source"
    # "a Reuters tally", "an NPR analysis of court records": the outlet is the capitalised word inside.
    head = tokenize(rest[:80], start)
    if head and head[0].low in ("a", "an", "the") and len(head) > 2 and head[1].is_cap:
        k = 1
        while k < len(head) and head[k].is_cap:
            k += 1
        if k < len(head) and (
            head[k].low in lx.CLAIM_NOUNS
            or head[k].low in _DOCUMENTS
            or head[k].low in ("analysis", "review", "tally", "count", "investigation")
        ):
            return (text[head[1].start : head[k - 1].end], head[1].start, head[k - 1].end, "source")
    cm = _COMPILED_BY.match(rest)
    if cm is not None:
        # "according to data compiled by Bloomberg": whoever compiled the figures gives them
        a, b = start + cm.start("who"), _name_end(text, start + cm.start("who"), start + cm.end("who"))
        return (text[a:b], a, b, "source")
    m = _STATEMENT_FROM_RE.match(rest)
    skip = 0
    if m:
        role = "statement"
        skip = m.end()
    toks = tokenize(rest[skip:], start + skip)
    if not toks:
        return None
    if gaz is not None and toks[0].text[:1].islower() and toks[0].text.isalpha():
        # "speaking to dpa": an outlet that writes its own name in lower case
        entry = gaz.match(toks[0].text)
        if entry is not None and entry.kind in ("news_agency", "news_outlet"):
            return (toks[0].text, toks[0].start, toks[0].end, role)
    if not m and toks[0].low in ("a", "an") and len(toks) > 2 and toks[1].is_cap:
        k = 1
        while k < len(toks) and toks[k].is_cap:
            k += 1
        if k < len(toks) and (toks[k].low in lx.CLAIM_NOUNS or toks[k].low in ("analysis", "review")):
            return (_span_text(text, base, toks[1].start, toks[k - 1].end), toks[1].start, toks[k - 1].end, "source")
    dm = _DESCRIBED_NAME.match(rest, skip)
    if dm:
        # "the Israeli monitoring group Peace Now": the name after the description
        a, b = start + dm.start(1), _name_end(text, start + dm.start(1), start + dm.end(1))
        return (text[a:b], a, b, role)
    rng = _np_forward(toks, 0)
    if rng is None:
        return None
    a, b = toks[rng[0]].start, toks[rng[1] - 1].end
    name = _clean_np(_span_text(text, base, a, b))
    # Keep "people familiar with the matter" whole.
    tail = re.match(r"\s+" + lx.SPEAKER_TAILS + r"(?:\s+[\w’'-]+){0,4}", text[b : b + 120])
    if tail:
        b = b + tail.end()
        name = _span_text(text, base, a, b).strip()
    if not name:
        return None
    if role == "source" and name.lower() in ("a statement", "the statement", "a post", "a report"):
        role = "statement"
    return (name, a, b, role)


_COMPILED_BY = re.compile(
    r"(?:the\s+|an?\s+)?(?:latest\s+|official\s+|new\s+)?(?:data|figures|estimates|statistics|numbers|"
    r"tally|count|records|analysis|survey|poll|tracking|findings|research|study|report|investigation)\s+"
    r"(?:compiled|collected|published|released|gathered|"
    r"kept|provided|carried\s+out|conducted|done)\s+by\s+"
    r"(?P<who>(?:the\s+)?[A-Z][\w’'&.-]*(?:[ \t]+(?:of[ \t]+|for[ \t]+|the[ \t]+|and[ \t]+)?[A-Z][\w’'&-]*){0,5})"
)
_DESCRIBED_NAME = re.compile(
    r"(?:the|a|an)\s+(?:[\w’'-]+\s+){0,3}?(?:group|organi[sz]ation|agency|monitor|watchdog|firm|company|"
    r"pollster|think\s+tank|charity|network|institute|ngo|body|union)\s+"
    # the name's words stand on one line: "SANA.\nThe ministry said" is a name and the next sentence
    r"((?:[A-Z][\w’'&.-]*)(?:[ \t]+(?:of[ \t]+|for[ \t]+|the[ \t]+|and[ \t]+)?[A-Z][\w’'&.-]*){0,5})"
)
# a name that ends in an abbreviation's own full stop: "U.S.", "Co.", "Inc."
_ABBREVIATED = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Co|Inc|Corp|Ltd|Bros|Jr|Sr)\.)$")


def _name_end(text: str, a: int, b: int) -> int:
    """Where a name read up to b ends: before a full stop that ends the sentence ("the state news agency
    SANA."), not before an abbreviation's own ("Acme Data Co.")."""
    return b - 1 if text[b - 1] == "." and not _ABBREVIATED.search(text, a, b) else b


def _links_in(seg: str, seg_start: int, text: str, base: int, gaz) -> list[tuple[str, str, int]]:
    """Channels named inside a parenthetical: quoted by X, citing X, on Telegram, interview with X."""
    out = []
    for rx, role in (
        (_QUOTED_BY_RE, "agency"),
        (_INTERVIEW_RE, "publisher"),
        (_REPORTED_BY_RE, "publisher"),
        (_WRITING_IN_RE, "publisher"),
    ):
        for m in rx.finditer(seg):
            found = _source_np(text, base, seg_start + m.end(), gaz)
            if found:
                r = role
                name = found[0]
                if role == "publisher" and not is_outlet_name(name, gaz):
                    medium = _MEDIUM_THEN_NAME.match(_MEDIUM_LEAD.sub("", name))
                    if medium is None:
                        continue
                    name = medium.group("name")  # "an interview with the newspaper Le Figaro"
                out.append((name, r, found[1]))
    return out


# Any of these words may open an attribution; a sentence with none of them is skipped at once.
_HINT_WORDS = frozenset(lx.CUE_FORMS) | frozenset(
    "according quoted citing called calling calls described describing describes labelled labeled labelling "
    "branded termed denounced saying".split()
)
CUE_HINT = re.compile(r"\b(?:" + "|".join(sorted(_HINT_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# The words that can open CALLED_FALSE_RE.
_CALLED_WORDS = frozenset(
    "called calling calls described describing describes labelled labeled labelling branded dismissed dismissing "
    "dismisses termed denounced".split()
)
_WORD_RUN = re.compile(r"\w+")
# The only characters outside ASCII that re.IGNORECASE matches to an ASCII letter.
_CASE_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")


def lower_words(s: str, low: str) -> frozenset[str] | None:
    """The sentence's words in lower case, or None where lower-casing would not line up with the
    regexes' case-insensitive matching (a dotted capital I, a long s): then the regexes decide."""
    if len(low) != len(s) or _CASE_FOLDS.search(s):
        return None
    return frozenset(_WORD_RUN.findall(low))


def analyse(text: str, start: int, end: int, gaz=None) -> SentenceAnalysis:
    """Find the attributions of the sentence text[start:end]."""
    s = text[start:end]
    low_s = s.lower()
    # A sentence without a single cue word is most sentences; a set lookup per word answers it
    # without running the long case-insensitive alternation.
    words = lower_words(s, low_s)
    if words.isdisjoint(_HINT_WORDS) if words is not None else not CUE_HINT.search(s):
        return SentenceAnalysis(start, end, [], [], [])
    toks = tokenize(s, start)
    idx_by_start = {t.start: k for k, t in enumerate(toks)}
    atts: list[Attribution] = []
    sources: list[tuple[str, str, int]] = []
    channels: list[tuple[str, str, int]] = []
    consumed: set[int] = set()  # token indexes already used as a speaker or object

    # Channels: platforms and bare statements.
    for m in _PLATFORM_RE.finditer(s) if (" on " in low_s or " via " in low_s) else ():
        channels.append((m.group(1), "channel", start + m.start(1)))
    for m in _STATEMENT_RE.finditer(s) if "statement" in low_s else ():
        channels.append(("statement", "statement", start + m.start()))

    # Sources: "according to X", "quoted by X", "citing X", "in an interview with X".
    for rx, role, key in (
        (_ACCORDING_RE, "source", "according"),
        (_QUOTED_BY_RE, "agency", "quoted"),
        (_CITING_RE, "citing", "citing"),
        (_INTERVIEW_RE, "interview", " with "),
        (_INTERVIEW_RE, "interview", " to "),
        (_RESPONSE_TO_RE, "interview", " to "),
        (_REPORTED_BY_RE, "interview", " by "),
        (_AIRED_ON_RE, "interview", " on "),
        (_TELLING_RE, "interview", "telling"),
    ):
        if key not in low_s or (key == " to " and " with " in low_s and rx is _INTERVIEW_RE):
            continue
        for m in rx.finditer(s):
            found = _source_np(text, start, start + m.end(), gaz, limit=end)
            if not found:
                continue
            name, a, b, r = found
            if role == "interview" and not is_outlet_name(name, gaz):
                medium = _MEDIUM_THEN_NAME.match(_MEDIUM_LEAD.sub("", name))
                if medium is not None:
                    name = medium.group("name")  # "in an interview with the newspaper Le Figaro"
                elif not (m.group(0).lower().startswith("relayed") and _RELAYER.match(name)):
                    continue  # "a claim relayed by the SITE Intelligence Group": any named relay
            if role != "source":
                # "interview with X", "carried by X": X carries what a speaker says, never speaks itself
                r = role if role != "interview" else "carrier"
            sources.append((name, r, a))
            for t in toks:
                if a <= t.start < b:
                    consumed.add(idx_by_start[t.start])

    # "X quoted Y as saying" / "Y was quoted (by X) as saying".
    for m in _AS_SAYING_RE.finditer(s) if "as saying" in low_s else ():
        pos = start + m.start()
        if _first_tok_from(toks, pos) >= len(toks):
            continue
        left = s[: m.start()]
        qm = re.search(r"\b(?:quoted|cited)\s+(.{1,80}?)\s*$", left)
        if qm and not re.match(r"by\b", qm.group(1)):
            # "TASS quoted Peskov as saying": Peskov speaks, TASS carries it.
            q_start = start + qm.start(1)
            k = idx_by_start.get(q_start)
            rng = _np_forward(toks, k) if k is not None else None
            kq = idx_by_start.get(start + qm.start())
            outlet = _np_backward(toks, kq) if kq is not None else None
            if rng:
                sp = Mention(
                    _clean_np(_span_text(text, start, toks[rng[0]].start, toks[rng[1] - 1].end)),
                    toks[rng[0]].start,
                    toks[rng[1] - 1].end,
                )
                att = Attribution(pos, pos + len(m.group(0)), "say", sp, confidence=0.85)
                att.content = (start + m.end(), end)
                if outlet:
                    oname = _clean_np(_span_text(text, start, toks[outlet[0]].start, toks[outlet[1] - 1].end))
                    att.channels.append((oname, "publisher", toks[outlet[0]].start))
                    consumed.update(range(*outlet))
                consumed.update(range(*rng))
                atts.append(att)
            continue
        wm = re.search(r"\b(?:was|were|is|has been|had been)\s+(?:quoted|cited)(?:\s+by\s+(.{1,60}?))?\s*$", left)
        if wm:
            k = idx_by_start.get(start + wm.start())
            if k is not None and k >= 2 and toks[k - 1].low in ("who", "which") and toks[k - 2].text == ",":
                # "..., a health official, who was quoted by IRNA as saying": the phrase before "who"
                k -= 2
            # "Andrei Ordash, the embassy's charge d'affaires, was quoted by RIA as saying": skip appositives
            sp = _speaker_before(text, start, toks, k, gaz, []) if k is not None else None
            if sp is not None:
                att = Attribution(pos, pos + len(m.group(0)), "say", sp, confidence=0.85)
                att.content = (start + m.end(), end)
                if wm.group(1):
                    att.channels.append((_clean_np(wm.group(1)), "agency", start + wm.start(1)))
                atts.append(att)

    # "..., a claim that NPR found to be untrue": the relative clause is a denial by its subject.
    for m in _RELATIVE_FALSE_RE.finditer(s) if (" that " in low_s or " which " in low_s) else ():
        a = start + m.start("who")
        who = _clean_np(m.group("who"))
        if who.lower() in _PRONOUNS or not who:
            continue
        att = Attribution(
            start + m.start("verb"),
            start + m.end("verb"),
            "deny",
            Mention(who, a, a + len(who)),
            kind="denial",
            relative=True,
            confidence=0.75,
        )
        atts.append(att)
        for k, t in enumerate(toks):
            if start + m.start("verb") <= t.start < start + m.end():
                consumed.add(k)

    # "called the report false", "dismissed the claims as propaganda".
    called_spans = []
    for m in CALLED_FALSE_RE.finditer(s) if words is None or not words.isdisjoint(_CALLED_WORDS) else ():
        pos = start + m.start()
        k = idx_by_start.get(pos)
        if k is None:
            continue
        sp = _speaker_before(text, start, toks, k, gaz, channels)
        if sp is None:
            continue
        att = Attribution(pos, pos + len(m.group(0).split()[0]), "deny", sp, kind="denial", confidence=0.8)
        att.obj = m.group("obj")
        pre = text[start : sp.start].rstrip().lower() + " "
        if re.search(r"(?:" + _CLAIM_NOUN_RE.pattern + r")\s+(?:that|which)?\s*(?:[\w’'-]+\s+){0,2}$", pre):
            att.relative = True  # "..., an accusation the ministry described as baseless"
        att.content = (start + m.start("obj"), start + m.end())
        atts.append(att)
        called_spans.append((pos, start + m.end()))

    matches = _ContentMatches(text, start)
    for m in _CUE_RE.finditer(s) if words is None or not words.isdisjoint(lx.CUE_FORMS) else ():
        pos = start + m.start()
        if any(a <= pos < b for a, b in called_spans):
            continue
        k = idx_by_start.get(pos)
        if k is None or k in consumed:
            continue
        form = m.group(1)
        lemma = lx.CUE_FORMS[form]
        att = _attribution_at(text, start, end, toks, k, lemma, gaz, channels, matches=matches)
        if att is not None:
            atts.append(att)

    atts.sort(key=lambda a: a.cue_start)
    return SentenceAnalysis(start, end, _merge_nested(atts), sources, channels, toks)


_COUNTED = re.compile(
    r"(?:at\s+least|more\s+than|about|around|some|nearly|almost|over|up\s+to|dozens|hundreds|thousands|scores|"
    r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty)\b",
    re.IGNORECASE,
)


def _merge_nested(atts: list[Attribution]) -> list[Attribution]:
    """'His lawyer said he denied the charges': the inner cue belongs to the outer claim."""
    out = []
    for b in atts:
        pronoun = b.speaker is not None and b.speaker.text.lower() in _PRONOUNS
        if (
            b.speaker is not None
            and _COUNTED.match(b.speaker.text)
            and any(
                a is not b
                and a.content
                and a.speaker is not None
                and a.speaker.start >= a.content[1]
                and a.content[0] <= b.cue_start < a.content[1]
                for a in atts
            )
        ):
            # "At least 18 people reported ..., officials said": the counted people are the news, not the source
            continue
        # only a pronoun speaker is folded into an outer claim; the others need no search of the sentence
        outer = (
            next((a for a in atts if a is not b and a.content and a.content[0] <= b.cue_start < a.content[1]), None)
            if pronoun
            else None
        )
        if outer is None:
            out.append(b)
            continue
        if b.kind == "denial" and outer.kind == "claim":
            outer.kind = "denial"
            outer.obj = b.obj
    return out


def _prev_word(toks: list[Tok], k: int, n: int = 1) -> str:
    return toks[k - n].low if k - n >= 0 else ""


_ABBREVIATION_END = re.compile(r"\([A-Z][A-Za-z]{1,7}\)$")


def _abbreviation_start(s: str) -> int:
    """Where a closing "(HUR)" and the spaces before it begin in s, or -1.

    Looks only at the end of s, so a sentence with many cues is not re-read once per cue."""
    if not s.endswith(")"):
        return -1
    m = _ABBREVIATION_END.search(s, max(0, len(s) - 10))
    if m is None:
        return -1
    a = m.start()
    while a > 0 and s[a - 1].isspace():
        a -= 1
    return a


# "put the death toll at 31", "puts the number of displaced at 2 million": a figure someone gives
_PUT_FIGURE = re.compile(
    r"\s+(?:the|its|their|his|her|a|an)\s+(?:[\w’'-]+\s+){0,5}?"
    r"(?:tolls?|figures?|numbers?|counts?|totals?|tally|losses|casualties|cost|damage|estimates?)\s+"
    r"(?:(?:of|from)\s+(?:[\w’'-]+\s+){1,4}?)?at\s+(?:about\s+|around\s+|at\s+least\s+|more\s+than\s+|nearly\s+)?[$£€\d]",
    re.IGNORECASE,
)
# what a warning foresees rather than tells: "warned that the fighting risks ...", "warned (residents) that
# prices would rise", "warned it could take years"
WARNED_RISK = re.compile(
    r"(?:\s+[\w’'.-]+){0,4}?\s+(?:that\s+)?(?:[\w’'.,-]+\s+){0,8}?(?:would|could|might|may|will|risks?|risked|"
    r"threatens?|threatened|was\s+likely|is\s+likely|were\s+likely|are\s+likely|(?:is|are|was|were)\s+at\s+risk|"
    r"(?:is|are|was|were)\s+(?:about|set|poised)\s+to|(?:is|are|was|were)\s+going\s+to)\b",
    re.IGNORECASE,
)
_OF_WHOM = {"of", "for", "at", "from", "in", "with", "close", "near"}


def _speaker_before(text, base, toks, k, gaz, channels) -> Mention | None:
    """The speaker standing before the cue at token k, skipping adverbs and parentheticals."""
    left_end = toks[k].start
    title = None
    author = None
    for _ in range(4):
        left = text[base:left_end]
        # the tail regex only ever matches the last few words; searching all of `left` is slow
        win = max(0, len(left) - 120)
        tail_words = left[-40:].split()
        maybe = bool(tail_words) and (
            tail_words[-1].lower() in _ADVERB_WORDS
            or tail_words[-1].endswith("day")
            or (
                len(tail_words) > 1
                and tail_words[-2].lower() in ("last", "this", "on", "a", "an", "the", "its", "his", "her", "their")
            )
        )
        m = _ADVERB_TAIL.search(left, win) if maybe else None
        if m and m.start() < len(left):
            cut = m.start()
            comma = re.match(r"\s*,", left[cut:])
            if comma and cut + comma.end() < len(left):
                cut += comma.end()  # "Hartley, who watched ..., has always denied": the comma closes a clause
            left_end = base + cut
            left = text[base:left_end]
        stripped = left.rstrip()
        abbrev = _abbreviation_start(stripped)
        if abbrev >= 0:  # "the military intelligence agency (HUR) said"
            stripped = stripped[:abbrev]
            left_end = base + len(stripped)
        if not stripped:
            return None
        if stripped.endswith(","):
            comma = base + len(stripped) - 1
            prev = text.rfind(",", base, comma)
            qprev = max(text.rfind("“", base, comma), text.rfind("”", base, comma))
            seg_start = max(prev, qprev) + 1 if max(prev, qprev) >= base else base
            seg = text[seg_start:comma].strip()
            seg_abs = seg_start + (len(text[seg_start:comma]) - len(text[seg_start:comma].lstrip()))
            first = seg.split()[0].lower() if seg.split() else ""
            if not seg:
                return None
            if (
                _is_name_seg(seg)
                and len(seg.split()) <= 2
                and re.search(r"\b(?:of|in|from|near)\s+[A-Z][\w’'-]+\s*$", text[base:prev] if prev >= base else "")
            ):
                # "Residents of Fairhaven, Ohio, say": the state after the town is no appositive name
                left_end = prev
                continue
            if (
                first == "the"
                and _NAMED_BODY_SEG.fullmatch(seg)
                and seg.split()[-1] in lx.ORG_HEADS | lx.ROLE_NOUNS
                and re.fullmatch(r"\W*(?:the|The)\s+[a-z]+(?:\s+[a-z]+)?\s*", text[base:prev] if prev >= base else "")
            ):
                # "The organisers, the Fund Our Futures coalition, said": the named body stands for the
                # description before it
                return Mention(seg, seg_abs, seg_abs + len(seg), title)
            if _is_name_seg(seg) and not is_outlet_name(seg, gaz):
                # "Kharkiv's regional governor, Oleh Synehubov, said"
                before = text[base:seg_start].rstrip().rstrip(",").rstrip()
                tm = re.search(r"([^,“”\"]{1,80})$", before)
                if tm and _is_title_seg(tm.group(1).strip()):
                    title = tm.group(1).strip()
                return Mention(seg, seg_abs, seg_abs + len(seg), title)
            titled = _titled_person(seg) if first not in ("a", "an", "the", "one", "who", "whose") else None
            if titled is not None and not is_outlet_name(titled[0], gaz):
                # "The head of the delegation, Kremlin aide Vladimir Medinsky, said": the person named
                name, own_title = titled
                at = seg_abs + seg.find(name)
                return Mention(name, at, at + len(name), own_title or title)
            if (
                first in _PARENTHETICAL_START
                or re.fullmatch(r"\d{1,3}", seg) is not None  # "Ben Ross, 42, a welder, said": an age
                or (first.endswith("ing") and len(first) > 5)  # "briefing reporters on condition of anonymity"
                or _is_title_seg(seg)
                # "DeepState, a blogger group that maps the front line ... and is close to the army, said"
                or (first in ("a", "an", "the", "one", "who", "whose") and len(seg.split()) <= 24)
            ):
                for link in _links_in(seg, seg_abs, text, base, gaz):
                    channels.append(link)
                if _is_title_seg(seg) and first not in _PARENTHETICAL_START:
                    title = seg
                bm = _BY_AGENT.search(seg)
                agent = re.sub(r"\s+and\s+\w+ing\b.*$", "", bm.group(1)) if bm else ""
                # "released by Amnesty International on Thursday": the date is not part of the name
                agent = _AGENT_DATE.sub("", agent)
                if bm and first in _PARENTHETICAL_START and agent and not is_outlet_name(agent, gaz):
                    # "The complaint, filed by a former safety officer, alleges": the officer alleges
                    author = Mention(agent, seg_abs + bm.start(1), seg_abs + bm.start(1) + len(agent))
                left_end = seg_start - 1 if seg_start > base else base
                age = re.search(r",\s*\d{1,3}\s*$", text[base:left_end])
                if age:
                    left_end = base + age.start()  # "Ben Ross, 42, a welder at the plant, said"
                continue
            return None
        # the noun phrase that ends here
        j = _first_tok_from(toks, base + len(stripped))
        tail = _SPEAKER_TAIL_END.search(stripped, max(0, len(stripped) - 120))
        tail_start = None
        if tail:
            tail_start = base + tail.start()
            j = _first_tok_from(toks, tail_start)
        if stripped.endswith(("and", "but")) and (len(stripped) == 3 or not stripped[-4].isalnum()):
            return _clause_subject(text, base, toks, k)
        rng = _np_backward(toks, j)
        if (
            rng is not None
            and rng[0] >= 2
            and toks[rng[0] - 1].low in ("in", "at", "near", "outside")
            and toks[rng[0] - 2].text.isalpha()
            and toks[rng[0] - 2].text.islower()
            and toks[rng[0] - 2].low not in _FUNCTION_WORDS
        ):
            # "Drivers at the depot in Leeds said": the place ends a longer subject, it does not speak
            rng = None
        if rng is not None and all(t.text.islower() for t in toks[rng[0] : rng[1]]):
            # "The Rapid Support Forces (RSF) paramilitary group has denied": the name, not its description
            p = rng[0]
            while p > 0 and rng[0] - p < 2 and toks[p - 1].text.isalpha() and toks[p - 1].text.islower():
                p -= 1
            if p >= 3 and toks[p - 1].text == ")" and toks[p - 3].text == "(" and toks[p - 2].text.isupper():
                named = _np_backward(toks, p - 3)
                if named is not None:
                    rng = named
                    tail_start = None
        if rng is None:
            # "..., their employer said": a short determiner phrase between a comma and the cue
            lm = _DET_PHRASE.search(stripped, max(0, len(stripped) - 70)) or _BARE_PLURAL_PHRASE.search(
                stripped, max(0, len(stripped) - 70)
            )
            if lm:
                a = base + lm.start(1)
                return _by_author(Mention(lm.group(1), a, a + len(lm.group(1)), title), author)
            # "Shareholders of the troubled chipmaker said": a short subject opening the sentence
            lead = _LEAD_IN.match(text, base).end()
            head = text[lead : base + len(stripped)]
            words = head.split(None, 8)  # only a phrase of up to 8 words counts
            if (
                1 <= len(words) <= 8
                and (
                    words[0][:1].isupper()
                    or words[0].lower() in _DETERMINERS
                    # "But advocates dispute ...": a bare plural after a lead-in word, or one with whose
                    # people they are ("But relatives of the man said", "Yet critics of the plan say")
                    or (
                        lead > base
                        and words[0].isalpha()
                        and not words[0].endswith("ly")
                        and (len(words) <= 3 or (words[0].endswith("s") and words[1].lower() in _OF_WHOM))
                    )
                )
                and not re.search(r"[,;:“”\"()]", head)
                and not any(w.lower() in _FINITE or w.lower() in lx.CUE_FORMS for w in words)
            ):
                return _by_author(Mention(head.strip(), lead, lead + len(head.strip()), title), author)
            return None
        a = toks[rng[0]].start
        b = toks[rng[1] - 1].end if tail_start is None else base + len(stripped)
        if tail_start is None:
            # "..., a local resistance committee said": words the lexicon lacks, in a short phrase
            lm = _DET_PHRASE.search(stripped, max(0, len(stripped) - 70))
            if lm and base + lm.start(1) < a:
                a = base + lm.start(1)
            lead = _LEAD_IN.match(text, base).end()
            whole = text[lead:b]
            hw = whole.split(None, 12)  # only a phrase of up to 12 words counts
            if (
                a > lead
                and 3 <= len(hw) <= 12
                and hw[0].lower() in ("a", "an", "the", "one", "two", "three", "several")
                and any(unpossess(w.lower()) in lx.TITLES or unpossess(w.lower()) in lx.ROLE_NOUNS for w in hw[1:3])
                and not re.search(r"[,;:“”\"()]", whole)
                and not any(w.lower() in _FINITE or w.lower() in lx.CUE_FORMS for w in hw)
            ):
                # "A doctor at the city's only functioning hospital said": the phrase opening the sentence
                a = lead
        i0 = rng[0]
        if i0 >= 2 and toks[i0 - 1].low == "by" and toks[i0 - 2].low in ("quoted", "cited"):
            # "A senior official quoted by the Kan public broadcaster said": the official speaks
            channels.append((_clean_np(text[a:b]), "agency", a))
            inner = _np_backward(toks, i0 - 2)
            if inner is not None:
                a2, b2 = toks[inner[0]].start, toks[inner[1] - 1].end
                return Mention(_clean_np(text[a2:b2]), a2, b2, title)
        return _by_author(Mention(_clean_np(text[a:b]), a, b, title), author)
    return None


_LEAD_IN = re.compile(
    r"(?:(?:But|And|Meanwhile|However|Separately|Earlier|Later|Still|Yet|Also|Now|Instead|Elsewhere)\b,?\s*"
    r"|(?:On|In|At|Late|Early|Last|By|After|Before|During)\b[^,]{0,40},\s*)*"
)


def _clause_subject(text, base, toks, k) -> Mention | None:
    """The subject of the first verb when the cue is a second one: "X called it false and said ..."."""
    lead = _LEAD_IN.match(text, base)
    i = _first_tok_from(toks, lead.end())
    if i >= len(toks) or i >= k:
        return None
    rng = _np_forward(toks, i)
    if rng is None and toks[i].low in ("it", "he", "she", "they", "we") and i + 1 < k:
        rng = (i, i + 1)  # "It said ... and called the figures fabricated": the pronoun is the subject
    if rng is None or rng[1] >= k:
        return None
    nxt = toks[rng[1]] if rng[1] < len(toks) else None
    # the phrase must be followed by a verb, not by more of a sentence we do not understand
    if nxt is None or not (
        nxt.low in lx.CUE_FORMS
        or nxt.low.endswith("ed")
        or nxt.low in _AUX
        or nxt.low in ("called", "described", "has", "have", "had", "also")
    ):
        return None
    a, b = toks[rng[0]].start, toks[rng[1] - 1].end
    return Mention(_clean_np(text[a:b]), a, b)


def _speaker_after(text, base, end, toks, k) -> Mention | None:
    """Inverted order: '..., said the mayor' / '..., says Reuters'."""
    if k + 1 >= len(toks):
        return None
    rng = _np_forward(toks, k + 1)
    if rng is None:
        return None
    a, b = toks[rng[0]].start, toks[rng[1] - 1].end
    after = text[b:end].lstrip()
    title = None
    am = re.match(r",\s*([^,]{1,80}?)(?:,|\.|$)", text[b:end])
    if am and _is_title_seg(am.group(1)):
        title = am.group(1).strip()
    elif am and _is_name_seg(am.group(1).strip()) and _is_title_seg(text[a:b]):
        # "..., said the families' lawyer, Netta Amar-Shiff.": the name after the title speaks
        name = am.group(1).strip()
        na = b + text[b:end].index(name)
        return Mention(name, na, na + len(name), text[a:b])
    if (
        after
        and after[0] not in ",.;:)”\"’'—–-!?"
        and not re.match(
            r"(?:in|on|at|late|early|last|this|yesterday|today|earlier|later|during|after|before|while|"
            r"when|without|citing|quoting|adding|according|told)\b",
            after,
        )
    ):
        return None
    return Mention(_clean_np(text[a:b]), a, b, title)


def _looks_like_clause(toks: list[Tok], i: int) -> bool:
    """Whether the words from token i start a reported clause rather than a plain object."""
    if i >= len(toks):
        return False
    if toks[i].low in _CLAUSE_STARTERS or toks[i].text in ("“", '"', ":"):
        return True
    for t in toks[i : i + 8]:
        if t.low in _AUX or t.low == "that":
            return True
        if t.text in (".", ";"):
            break
    return False


def _object_after(toks: list[Tok], k: int) -> tuple[int, int] | None:
    return _np_forward(toks, k + 1) if k + 1 < len(toks) else None


class _ContentMatches:
    """Where a regex matches in one sentence, found once for all of its cues.

    The content of every cue in a sentence runs on to the same end, so searching each content
    afresh would read a sentence of n cues n times over."""

    def __init__(self, text: str, base: int):
        self.text = text
        self.base = base
        self._starts: dict[tuple[re.Pattern, int], list[int]] = {}

    def search(self, rx: re.Pattern, a: int, b: int) -> bool:
        """Whether rx.search(text[a:b]) finds a match."""
        return self.first(rx, a, b) is not None

    def first(self, rx: re.Pattern, a: int, b: int) -> int | None:
        """Where rx.search(text[a:b]) finds its match, counted from a; None for no match."""
        if b - a < 400 or a < self.base:
            m = rx.search(self.text[a:b])
            return m.start() if m is not None else None
        # A match at the first character depends on the slice (^, \b), so that one is tried on the
        # slice; any later start sees the same characters in the slice as in the whole sentence.
        if rx.match(self.text[a:b]) is not None:
            return 0
        starts = self._starts.get((rx, b))
        if starts is None:
            starts = []
            p = self.base
            while (m := rx.search(self.text, p, b)) is not None:
                starts.append(m.start())
                p = m.start() + 1
            self._starts[(rx, b)] = starts
        i = bisect_left(starts, a + 1)
        return starts[i] - a if i < len(starts) else None


# Where a cue's content stops: a trailing attribution, a clause after a semicolon, the final stop.
_CONTENT_TAIL = re.compile(
    r"(?:,\s*(?:according\s+to|says|said|reports|reported|citing|quoted\s+by|but|while|the\s+\w+\s+said|"
    r"(?:a|an)\s+(?:claim|assertion|allegation|accusation|statement|charge)\b)"
    r"\b.*|;.*|[.!?]+[”\"’']?)$"
)
_WORD_CHAR = re.compile(r"\w")


def _ends_with_what(text: str, base: int, end: int) -> bool:
    r"""Whether text[base:end] ends on the word "what" or "whatever" and spaces ("What he said was ...").

    Reads only the end of the span, where a search for r"\b(?:what|whatever)\s*$" would read all of it."""
    e = end
    while e > base and text[e - 1].isspace():
        e -= 1
    tail = text[max(base, e - 8) : e].lower()
    for word in ("what", "whatever"):
        p = e - len(word)
        if p >= base and tail.endswith(word):
            return p == base or _WORD_CHAR.match(text, p - 1) is None
    return False


def _attribution_at(
    text, base, end, toks, k, lemma, gaz, channels, speaker_override=None, matches=None
) -> Attribution | None:
    cue = toks[k]
    prev = _prev_word(toks, k)
    nxt = toks[k + 1].low if k + 1 < len(toks) else ""
    # Not speech: "is said to", "declined to say", "the claims", "the accused".
    if prev in ("to", "not", "n't", "never", "would", "could") and lemma == "say" and cue.low == "say":
        return None
    if speaker_override is None and prev in ("which", "who") and k >= 2 and toks[k - 2].text == ",":
        # "... OCHA, which said the toll was higher": the body before the relative pronoun speaks
        sp = _speaker_before(text, base, toks, k - 2, gaz, channels)
        if sp is None:
            return None
        return _attribution_at(text, base, end, toks, k, lemma, gaz, channels, speaker_override=sp, matches=matches)
    if prev in ("what", "whatever", "which", "who") and speaker_override is None:
        return None  # "What he said was not true": a clause about speech, not a report of it
    if cue.low in _NOUN_LIKE_CUES and (
        prev in _DETERMINERS
        or prev in ("against", "about", "over", "of", "on", "to", "with", "by", "for", "amid", "despite", "following")
        or prev.endswith(("’s", "'s"))
        or prev in lx.MODIFIERS
        or prev in lx.CUE_FORMS
        or (prev.endswith("ed") and prev not in lx.TITLES)
        or prev
        in (
            "unconfirmed",
            "media",
            "news",
            "such",
            "earlier",
            "latest",
            "initial",
            "previous",
            "conflicting",
            "false",
            "these",
        )
    ):
        return None
    if prev == "the" and lemma in ("accuse", "allege", "state", "report", "claim"):
        return None
    if lemma == "claim" and re.match(
        r"\s*(?:the\s+|a\s+|their\s+|its\s+|his\s+|her\s+)?(?:lives|life|victory\s+in|\d|[£$€¥]|asylum|"
        r"compensation|benefits|damages|refugee|seats?|title|gold|silver|bronze|prize|place|ownership|refunds?|"
        r"expenses|allowances?)",
        text[cue.end : cue.end + 24],
    ):
        return None  # "claimed asylum", "claimed the title": taking something, not asserting it
    if lemma == "put" and not _PUT_FIGURE.match(text, cue.end, min(end, cue.end + 80)):
        return None  # only a figure put at a number reports one ("put the toll at 30"), not "put pressure on"
    if lemma == "push" and not re.match(r"\s+back\s+(?:against|on|at)\b", text[cue.end : cue.end + 20]):
        return None  # only "pushed back against the claims" reports a denial
    if lemma == "post" and nxt not in ("on", "that", "in", "to", ":"):
        return None  # "a video posted online": a participle, not a report
    if lemma == "accuse" and nxt == "of":
        return None  # "a minister accused of embezzlement": a participle, not an accusation
    passive = prev in _BE or (prev in ("been", "being"))
    if passive and nxt != "by":
        if lemma in (
            "say",
            "tell",
            "deny",
            "reject",
            "dismiss",
            "accuse",
            "report",
            "claim",
            "confirm",
            "estimate",
            "state",
            "allege",
        ):
            return None
    if lemma == "warn":
        obj = _object_after(toks, k)
        after = text[cue.end : min(end, cue.end + 60)].lower()
        if (
            re.match(r"\s+(?:of|against|about)\b", after)
            or re.match(r"(?:\s+[\w’'.-]+){0,5}?\s+(?:against|not\s+to|to\s+(?!be\b)[a-z]+)\b", after)
            and not re.match(r"\s+(?:that|\w+\s+that)\b", after)
        ):
            return None
        if WARNED_RISK.match(text, cue.end, min(end, cue.end + 160)):
            return None  # "warned that the fighting risks a nuclear accident": a risk foreseen, no fact told

    # Speaker: inverted ("..., said X") or before the cue.
    before = text[base : cue.start].rstrip()
    speaker = speaker_override
    inverted = False
    if speaker is None and passive and nxt == "by" and k + 2 < len(toks):
        # "The toll was confirmed by a health official": the agent speaks, not the subject
        rng = _np_forward(toks, k + 2)
        if rng is not None:
            a, b = toks[rng[0]].start, toks[rng[1] - 1].end
            speaker = Mention(_clean_np(text[a:b]), a, b)
            inverted = True
    if (
        speaker is None
        and (not before or before[-1] in ",”\"’'—–")
        and lemma
        in (
            "say",
            "report",
            "write",
            "add",
            "claim",
            "insist",
            "warn",
            "state",
            "announce",
            "confirm",
            "allege",
            "explain",
            "argue",
            "counter",
            "note",
        )
    ):
        speaker = _speaker_after(text, base, end, toks, k)
        if speaker is not None:
            nk = _first_tok_from(toks, speaker.end)
            if nk < len(toks) and (toks[nk].low in lx.CUE_FORMS or toks[nk].low in _FINITE):
                # "Ana Ruiz, his sister, said her brother told her ...": the phrase after the cue opens
                # the reported clause; the speaker stands before the appositive
                speaker = None
        inverted = speaker is not None
    if speaker is None:
        speaker = _speaker_before(text, base, toks, k, gaz, channels)
    if speaker is None:
        return None
    if _ends_with_what(text, base, speaker.start):
        return None  # "What he said was not true": a clause about speech, not a report of it

    att = Attribution(cue.start, cue.end, lemma, speaker)

    # What follows the cue: an object ("told Reuters", "denied the report") and the content.
    after_i = k + 1
    obj_end_i = None
    if lemma == "tell" and not inverted:
        obj = _object_after(toks, k)
        if obj is None:
            # "told investors", "told a briefing", "told a news conference": a short plain object
            j = k + 1
            while j < len(toks) and toks[j].low in ("a", "an", "the", "his", "her", "its", "their"):
                j += 1
            j0 = j
            while j < len(toks) and j - j0 < 3 and toks[j].text.isalpha() and toks[j].low not in _FUNCTION_WORDS:
                j += 1
            if j == j0 or toks[k + 1].low == "that":
                return None
            obj = (k + 1, j)
        oname = _clean_np(text[toks[obj[0]].start : toks[obj[1] - 1].end])
        nxt_i = obj[1]
        if (
            nxt_i < len(toks)
            and toks[nxt_i].low == "to"
            and nxt_i + 1 < len(toks)
            and toks[nxt_i + 1].low not in ("the", "a", "reporters")
        ):
            return None  # "told residents to leave": an order, not a claim
        first = toks[obj[0]]
        cut = next((x for x in range(obj[0], obj[1]) if toks[x].low.endswith(("’s", "'s"))), None)
        owner = unpossess(text[first.start : toks[cut].end]) if cut is not None else ""
        named_medium = _MEDIUM_THEN_NAME.match(_MEDIUM_LEAD.sub("", oname))  # "the Argentine newspaper Olé"
        if oname.islower() and " " not in oname:
            pass  # "told broadcasters", "told reporters": an audience, not a named channel
        elif named_medium:
            # "told local broadcaster Suspilne", "told the newspaper Kathimerini": the name after the kind
            att.channels.append((named_medium.group("name"), "publisher", first.start))
        elif owner and is_outlet_name(owner, gaz):
            # "told BBC Radio 4's Today programme": the outlet whose programme it is
            att.channels.append((owner, "publisher", first.start))
        elif is_outlet_name(oname, gaz):
            att.channels.append((oname, "publisher", first.start))
        elif first.low.endswith(("’s", "'s")) and is_outlet_name(unpossess(first.text), gaz):
            # "told CNN's Jake Tapper", "told the BBC's Today programme"
            att.channels.append((unpossess(first.text), "publisher", first.start))
        elif (
            first.low == "the"
            and obj[0] + 1 < len(toks)
            and toks[obj[0] + 1].low.endswith(("’s", "'s"))
            and is_outlet_name(unpossess(toks[obj[0] + 1].text), gaz)
        ):
            att.channels.append((unpossess(toks[obj[0] + 1].text), "publisher", toks[obj[0] + 1].start))
        after_i = nxt_i
        obj_end_i = nxt_i
    elif inverted:
        after_i = _first_tok_from(toks, speaker.end)
    # "said Monday a supply ship had ...": a bare weekday is a time, not the start of the content
    if after_i < len(toks) and toks[after_i].low in _WEEKDAYS:
        after_i += 1
        if after_i < len(toks) and toks[after_i].low in ("morning", "afternoon", "evening", "night"):
            after_i += 1
    # Step over adverbials ("said on Monday that", "said in a statement on Telegram that").
    while after_i < len(toks) and toks[after_i].low in (
        "on",
        "in",
        "at",
        "late",
        "early",
        "last",
        "this",
        "earlier",
        "later",
        "today",
        "yesterday",
        "overnight",
        "over",
        ",",
    ):
        j = after_i + 1
        while (
            j < len(toks)
            and toks[j].text not in (",", "that", "“", '"', ":")
            and j - after_i < 8
            and (
                toks[j].is_cap
                or toks[j].low in _DETERMINERS
                or toks[j].low
                in (
                    "statement",
                    "interview",
                    "post",
                    "video",
                    "briefing",
                    "conference",
                    "news",
                    "press",
                    "message",
                    "speech",
                    "address",
                    "telegram",
                    "messaging",
                    "app",
                    "channel",
                    "website",
                    "account",
                    "morning",
                    "evening",
                    "night",
                    "afternoon",
                    "weekend",
                    "week",
                    "month",
                    "year",
                    "official",
                    "televised",
                    "social",
                    "media",
                    "separate",
                    "written",
                    "emailed",
                    "text",
                    "radio",
                    "phone",
                    "call",
                    "with",
                    "during",
                    "a",
                    "an",
                    "the",
                    "and",
                )
            )
        ):
            j += 1
        if j == after_i + 1 and toks[after_i].text != ",":
            break
        after_i = j
    if (
        after_i < len(toks)
        and toks[after_i].low in ("citing", "quoting")
        and toks[after_i - 1].text == ","
        and lemma in ("report", "say", "write")
    ):
        # "NBC News reported Thursday, citing two officials, that ...": the source between commas
        comma = next(
            (
                c
                for c in range(after_i + 1, min(after_i + 25, len(toks) - 1))
                if toks[c].text == "," and toks[c + 1].low == "that"
            ),
            None,
        )
        if comma is not None:
            after_i = comma + 1
    if after_i < len(toks) and toks[after_i].low == "that":
        after_i += 1
    else:
        # "said at a rally that ...": a short adverbial before "that"
        for j in range(after_i, min(after_i + 5, len(toks))):
            if toks[j].low == "that":
                after_i = j + 1
                break
            if not toks[j].text[:1].isalnum():
                break

    after_cue = text[toks[k].end : end].strip(" .”\"’'")
    # "..., the statement added, a phrase used for jamming": nothing reported after the cue
    # '"...," the airline said in a statement, adding that ...': the adverbial before ", adding" ends the cue
    adding = _ADDING_TAIL.search(after_cue) if "," in after_cue else None
    if adding and re.search(r",\s*that\b", after_cue[adding.end() :]):
        adding = None  # "reported Thursday, citing two officials, that ...": the clause after is the content
    before_adding = after_cue[: adding.start()] if adding else after_cue
    trailing = not inverted and (
        not after_cue or after_cue[0] in ",;—–" or bool(_AFTER_CUE_ADVERBIAL.match(before_adding))
    )
    if lemma in lx.NEEDS_THAT and not trailing and not (after_i > 0 and toks[after_i - 1].low == "that"):
        return None
    rest_i = obj_end_i if obj_end_i is not None else after_i
    raw_rest = text[toks[rest_i].start : end] if rest_i < len(toks) else ""
    # a full stop right after the object ends the attribution even if the splitter ran on
    rest = "" if raw_rest.startswith((".", "!", "?")) else raw_rest.strip(" .”\"’'")
    if (
        lemma == "tell"
        and not inverted
        and rest
        and not rest.startswith((",", ";", "—", "–"))
        and not _TRAILING_ADVERBIAL.match(rest)
    ):
        if not (_looks_like_clause(toks, after_i) or toks[after_i - 1].low == "that"):
            return None  # "told the story of his escape": no reported content
    declared_winner = lemma == "declare" and bool(
        re.match(
            r"(?:\s+[\w’'.-]+){1,6}?\s+(?:the\s+)?(?:winner|victor|elected|president-elect)\b", text[cue.end : end]
        )
    )  # "the commission declared Maduro the winner"
    if lemma in lx.NEEDS_CLAUSE and not trailing and not inverted and not declared_winner:
        if not _looks_like_clause(toks, after_i) and toks[k + 1 : k + 2] and toks[k + 1].low != "that":
            return None

    # Content: after the cue when there is something there, else what stands before the speaker.
    cstart = toks[after_i].start if after_i < len(toks) else end
    cend = end
    tail_at = (matches or _ContentMatches(text, base)).first(_CONTENT_TAIL, cstart, end)
    if tail_at is not None:
        cend = cstart + tail_at
    after_text = text[toks[rest_i].start : end] if rest_i < len(toks) else ""
    if lemma == "tell" and not inverted and rest and _TRAILING_ADVERBIAL.match(rest):
        trailing = True  # '"...," Peskov told reporters on a conference call.': the quotation is the content
    if trailing or inverted or cend - cstart < 8 or after_text.startswith(","):
        lead = text[base : min(speaker.start, cue.start)]
        lead_s = re.sub(r"[\s,—–-]+$", "", lead)
        lead_s_start = len(lead) - len(lead.lstrip())
        dateline = _DATELINE.match(lead, lead_s_start)
        if dateline:
            lead_s_start = dateline.end()  # "KYIV, Nov 3 (Reuters) - ...": the dateline is no part of the claim
        if len(lead_s) - lead_s_start >= 8:
            att.content = (base + lead_s_start, base + len(lead_s))
    else:
        att.content = (cstart, cend)

    # Denials, and the ordinary actions that look like them.
    if lemma in lx.DENIAL_LEMMAS:
        if prev in ("not", "n't", "never", "neither", "nor", "or") or re.search(
            r"\b(?:not|never|n[’']t)\s+(?:\w+\s+)?$", text[base : cue.start]
        ):
            return None  # "has not denied the report", "would neither confirm nor deny"
        obj_toks = [t for t in toks[k + 1 : k + 12] if t.text not in ("“", '"')]
        words = [t.low for t in obj_toks]
        content_words = [
            w
            for w in words
            if w
            not in (
                "the",
                "a",
                "an",
                "any",
                "his",
                "her",
                "its",
                "their",
                "all",
                "such",
                "this",
                "that",
                "these",
                "those",
            )
        ]
        first = content_words[0] if content_words else ""
        subj_head = speaker.text.split()[-1].lower() if speaker.text.split() else ""
        if first in lx.HARD_NEGATIVE_OBJECTS:
            return None
        if subj_head in lx.HARD_NEGATIVE_SUBJECTS and not _ACCOUNT_OBJECT.match(text, cue.end, end):
            return None  # "the council rejected the plan"; but "the council denied reports that ..." answers one
        if passive and nxt != "by":
            return None
        obj_text = text[cue.end : min(end, cue.end + 160)]
        pre_rel = text[base : speaker.start].rstrip().lower() + " "
        is_rel = bool(
            re.search(r"(?:" + _CLAIM_NOUN_RE.pattern + r")\s+(?:that|which)?\s*(?:[\w’'-]+\s+){0,2}$", pre_rel)
        ) or bool(re.search(r", which\s+(?:[\w’'-]+\s+){0,2}$", pre_rel))
        if lemma in lx.DENIAL_NEEDS_CLAIM_OBJECT and not is_rel:
            head_window = " ".join(words[:8])
            claimish = (
                _CLAIM_NOUN_RE.search(head_window)
                or re.search(r"\b(?:as|that)\b", head_window)
                or first in ("it", "them", "this", "that", "allegations", "claims", "reports", "suggestions")
            )
            if not claimish:
                return None
        att.kind = "denial"
        att.obj = obj_text
        att.confidence = 0.85
    elif lemma in lx.COUNTER_LEMMAS:
        att.kind = "counter"
    if att.kind == "claim" and att.content:
        ca, cb = att.content
        found = (matches or _ContentMatches(text, base)).search
        if found(DENIAL_ADJ_RE, ca, cb) or found(DENIAL_PHRASE_RE, ca, cb) or found(CALLED_FALSE_RE, ca, cb):
            # "said the volume was 8,000 gallons and called the state's estimate inflated"
            att.kind = "denial"
            att.obj = text[ca:cb]
        elif lemma not in lx.DENIAL_LEMMAS and found(OPINION_RE, ca, cb):
            return None

    # Relative denial: "a claim that Paris denied", "..., which Moscow rejected".
    if att.kind == "denial":
        pre = text[base : speaker.start].rstrip().lower() + " "
        if re.search(
            r"(?:" + _CLAIM_NOUN_RE.pattern + r")\s+(?:that|which)?\s*(?:[\w’'-]+\s+){0,2}$", pre
        ) or re.search(r", which\s+(?:[\w’'-]+\s+){0,2}$", pre):
            att.relative = True
            att.content = None
    if inverted:
        att.confidence -= 0.05
    return att
