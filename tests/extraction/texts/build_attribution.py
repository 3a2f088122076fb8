"""Builds attribution.jsonl: hand-written passages about who speaks and through whom.

The passages exercise speakers written as appositions, descriptors that stand for a name given
earlier, acronyms the text defines, documents that speak for their authors, and the outlets an
assertion passes through ("telling Al Jazeera", "quoted by Interfax", "in an interview with ZDF").
Each claim names its sentence by a unique substring; the script expands it to the full sentence.
Run from the repository root: python tests/extraction/texts/build_attribution.py > tests/extraction/texts/attribution.jsonl
"""

from gold_format import print_documents

# (substring of the sentence, claimant, claimant_org, via, kind, substring of the denied claim, cue)
DOCS = [
    {
        "id": "guardian-settler-court",
        "lines": [
            "Israel’s supreme court has frozen the eviction of 14 Palestinian families from the Batan al-Hawa neighbourhood of East Jerusalem until a full hearing in March.",
            "“The court has finally recognised that these families have lived here since the 1950s,” said the families’ lawyer, Netta Amar-Shiff.",
            "The settler organisation that brought the case, Ateret Cohanim, said the land had been bought legally by a Jewish trust in the 19th century.",
            "Daniel Luria, a spokesperson for the group, told the Guardian the ruling was “a procedural delay and nothing more”.",
            "Eleven of the families have already received eviction orders, according to the Israeli monitoring group Peace Now.",
        ],
        "claims": [
            ("have lived here since the 1950s", "Netta Amar-Shiff", None, [], "claim", None, None),
            ("bought legally by a Jewish trust", "Ateret Cohanim", None, [], "claim", None, None),
            ("a procedural delay", "Daniel Luria", "Ateret Cohanim", ["Guardian"], "claim", None, None),
            ("Eleven of the families", "Peace Now", None, [], "claim", None, None),
        ],
    },
    {
        "id": "afp-east-africa-talks",
        "lines": [
            "DAR ES SALAAM (AFP) — Mediation between the two rebel factions collapsed on Tuesday after one delegation walked out of the talks, a diplomatic source in Dar es Salaam told AFP.",
            "The source, who asked not to be named because the talks were confidential, said the delegations had disagreed over the release of prisoners.",
            "A resident of Goma reached by telephone said fighting had resumed on the outskirts of the city overnight.",
            "At least 23 civilians were killed in the clashes over the weekend, the UN humanitarian office OCHA said in a report.",
        ],
        "claims": [
            ("Mediation between the two rebel factions", "a diplomatic source", None, ["AFP"], "claim", None, None),
            ("disagreed over the release of prisoners", "The source", None, [], "claim", None, None),
            ("fighting had resumed", "A resident of Goma", None, [], "claim", None, None),
            ("At least 23 civilians", "OCHA", None, [], "claim", None, None),
        ],
    },
    {
        "id": "bbc-myanmar-shelling",
        "lines": [
            "Myanmar’s military shelled a monastery in northern Shan state on Sunday, killing at least nine people who had sheltered there, residents and a local rescue group said.",
            "“We found the bodies of two monks under the roof,” a resident of Kyaukme told the BBC Burmese service, asking not to be named for fear of reprisals.",
            "The BBC has not been able to independently verify the accounts.",
            "The junta’s spokesman, Zaw Min Tun, said the army had targeted fighters of the Ta’ang National Liberation Army (TNLA) who were using the monastery as a base.",
            "The TNLA said none of its fighters had been in the area.",
        ],
        "claims": [
            (
                "shelled a monastery",
                "residents and a local rescue group",
                None,
                [],
                "claim",
                None,
                "The BBC has not been able to independently verify the accounts",
            ),
            (
                "bodies of two monks",
                "a resident of Kyaukme",
                None,
                ["BBC Burmese service"],
                "claim",
                None,
                "The BBC has not been able to independently verify the accounts",
            ),
            ("had targeted fighters", "Zaw Min Tun", None, [], "counter_claim", "shelled a monastery", None),
            (
                "none of its fighters",
                "Ta’ang National Liberation Army",
                None,
                [],
                "counter_claim",
                "had targeted fighters",
                None,
            ),
        ],
    },
    {
        "id": "reuters-kremlin-quoted",
        "lines": [
            "MOSCOW, June 12 (Reuters) - Russia has no plans to close its airspace to European airlines, Kremlin spokesman Dmitry Peskov said on Thursday.",
            "Deputy Foreign Minister Sergei Ryabkov, quoted by the Interfax news agency, said Moscow had not received any proposal on a new round of arms control talks.",
            "A senior Russian diplomat was quoted by RIA Novosti as saying the talks could resume “only on an equal footing”.",
            "Peskov told reporters that President Vladimir Putin had spoken to the Turkish president by phone on Wednesday.",
        ],
        "claims": [
            ("no plans to close its airspace", "Dmitry Peskov", "Kremlin", [], "claim", None, None),
            ("had not received any proposal", "Sergei Ryabkov", None, ["Interfax"], "claim", None, None),
            ("only on an equal footing", "A senior Russian diplomat", None, ["RIA Novosti"], "claim", None, None),
            ("spoken to the Turkish president", "Dmitry Peskov", "Kremlin", [], "claim", None, None),
        ],
    },
    {
        "id": "aljazeera-sudan-rsf",
        "lines": [
            "The paramilitary Rapid Support Forces (RSF) says it has taken control of the last army base in the city of el-Fasher, after an 18-month siege.",
            "The RSF said in a statement posted on Telegram that its fighters had captured more than 200 soldiers.",
            "Sudan’s army has not commented on the claim.",
            "A doctor at the city’s only functioning hospital, speaking to Al Jazeera by phone, said at least 40 wounded civilians had arrived in the past day.",
            "Mohamed Ali, a volunteer with the local emergency response room, said families were fleeing on foot towards Tawila, telling Al Jazeera that “the roads are full of bodies”.",
        ],
        "claims": [
            ("last army base", "Rapid Support Forces", None, [], "claim", None, None),
            ("captured more than 200 soldiers", "Rapid Support Forces", None, [], "claim", None, None),
            ("40 wounded civilians", "A doctor", None, ["Al Jazeera"], "claim", None, None),
            ("fleeing on foot", "Mohamed Ali", None, ["Al Jazeera"], "claim", None, None),
        ],
    },
    {
        "id": "ap-complaint-safety",
        "lines": [
            "WASHINGTON (AP) — Federal regulators are examining a complaint about brake inspections at the rail operator Norline.",
            "The complaint, filed by a former safety supervisor at the company’s Ohio yard, alleges that managers ordered inspectors to sign off on cars they had never examined.",
            "The Federal Railroad Administration said it had opened an investigation into the yard in May.",
            "The regulator said in a separate statement that it had fined Norline twice since 2021.",
            "Norline said the allegations were “categorically false”. The company said every car in its fleet had passed inspection this year.",
        ],
        "claims": [
            ("managers ordered inspectors", "a former safety supervisor", None, [], "claim", None, None),
            ("opened an investigation", "Federal Railroad Administration", None, [], "claim", None, None),
            ("fined Norline twice", "Federal Railroad Administration", None, [], "claim", None, None),
            ("categorically false", "Norline", None, [], "denial", "managers ordered inspectors", None),
            ("every car in its fleet", "Norline", None, [], "counter_claim", "managers ordered inspectors", None),
        ],
    },
    {
        "id": "hvg-poll-hungary",
        "lines": [
            "Hungary’s opposition Tisza party leads the ruling Fidesz by seven points, according to a poll by Medián published on Wednesday.",
            "Nézőpont, a government-aligned pollster, said its own survey put Fidesz four points ahead.",
            "Tisza’s leader, Péter Magyar, said the figures showed voters were “tired of corruption”.",
            "The Fidesz parliamentary group leader, Máté Kocsis, called the Medián poll “a fantasy commissioned by the opposition”.",
        ],
        "claims": [
            ("leads the ruling Fidesz", "Medián", None, [], "claim", None, None),
            ("four points ahead", "Nézőpont", None, [], "counter_claim", "leads the ruling Fidesz", None),
            ("tired of corruption", "Péter Magyar", None, [], "claim", None, None),
            ("a fantasy commissioned", "Máté Kocsis", None, [], "denial", "leads the ruling Fidesz", None),
        ],
    },
    {
        "id": "bloomberg-merger-report",
        "lines": [
            "Shares of Corvane Therapeutics jumped 18% on Monday after a report that the drugmaker was in talks to be acquired by a larger rival.",
            "The report, published by Bloomberg News and citing people familiar with the matter, said the talks were at an advanced stage.",
            "Corvane said it does not comment on market rumours.",
            "The company’s chief executive, Lena Varga, told CNBC last month that Corvane had “no need to sell”.",
        ],
        "claims": [
            ("advanced stage", "Bloomberg News", None, ["Bloomberg News"], "claim", None, None),
            ("no need to sell", "Lena Varga", "Corvane Therapeutics", ["CNBC"], "claim", None, None),
        ],
    },
    {
        "id": "npr-senate-descriptor",
        "lines": [
            "Sen. Josh Hawley said on Tuesday that the rail safety bill had been “gutted by lobbyists” before it reached the floor.",
            "The Missouri Republican said the industry had rewritten two sections of the bill overnight.",
            "A spokesperson for the Association of American Railroads said the group had not seen the final text.",
            "Hawley told NPR’s Morning Edition that the original version had passed the committee unanimously.",
        ],
        "claims": [
            ("gutted by lobbyists", "Josh Hawley", None, [], "claim", None, None),
            ("rewritten two sections", "Josh Hawley", None, [], "claim", None, None),
            (
                "had not seen the final text",
                "A spokesperson",
                "Association of American Railroads",
                [],
                "claim",
                None,
                None,
            ),
            ("passed the committee unanimously", "Josh Hawley", None, ["NPR"], "claim", None, None),
        ],
    },
    {
        "id": "dw-germany-interview",
        "lines": [
            "Germany will not deliver long-range Taurus missiles to Ukraine this year, Chancellor Friedrich Merz said on Sunday.",
            "In an interview with ZDF, Merz said the decision had been taken together with Germany’s allies.",
            "Defence Minister Boris Pistorius, speaking to dpa, said training for the system would nevertheless continue.",
            "Ukrainian President Volodymyr Zelensky said in his nightly address that Russian forces had been pushed back from two villages near Pokrovsk.",
            "Zelensky also said Russia had launched more than 500 drones at Ukraine in the past week.",
        ],
        "claims": [
            ("Taurus missiles", "Friedrich Merz", None, [], "claim", None, None),
            ("together with Germany’s allies", "Merz", None, ["ZDF"], "claim", None, None),
            ("training for the system", "Boris Pistorius", None, ["dpa"], "claim", None, None),
            ("pushed back from two villages", "Volodymyr Zelensky", None, [], "claim", None, None),
            ("more than 500 drones", "Zelensky", None, [], "claim", None, None),
        ],
    },
    {
        "id": "times-israel-military",
        "lines": [
            "The Israel Defense Forces said on Monday it had killed a senior Hezbollah commander in a drone strike in southern Lebanon.",
            "The military said the commander had been planning rocket attacks on communities in northern Israel.",
            "Lebanon’s health ministry said the strike killed three people, including a child.",
            "Hezbollah did not immediately comment.",
        ],
        "claims": [
            ("senior Hezbollah commander", "Israel Defense Forces", None, [], "claim", None, None),
            ("planning rocket attacks", "Israel Defense Forces", None, [], "claim", None, None),
            ("killed three people", "Lebanon’s health ministry", None, [], "claim", None, None),
        ],
    },
    {
        "id": "ft-short-seller",
        "lines": [
            "Shares in Belvoir Mining fell by a quarter on Thursday after a short seller accused the company of overstating the size of its lithium reserves.",
            "Ember Research said in a 60-page report that Belvoir had counted the same deposits twice.",
            "Belvoir said the report was “riddled with errors” and that its reserve estimates had been audited independently.",
            "The miner said trading in its shares had been suspended at its own request.",
        ],
        "claims": [
            ("overstating the size", "Ember Research", None, [], "claim", None, None),
            ("counted the same deposits twice", "Ember Research", None, [], "claim", None, None),
            ("riddled with errors", "Belvoir Mining", None, [], "denial", "counted the same deposits twice", None),
            ("trading in its shares", "Belvoir Mining", None, [], "claim", None, None),
        ],
    },
    {
        "id": "cnn-radio-interview",
        "lines": [
            "Britain’s health secretary said on Wednesday that waiting lists had fallen for the sixth month in a row.",
            "Wes Streeting told BBC Radio 4’s Today programme that 150,000 fewer patients were waiting than in January.",
            "The figures were disputed by the King’s Fund, a health think tank, which said the fall was mostly due to lists being cleaned of duplicates.",
            "Streeting rejected that, telling Sky News that the data had been checked by statisticians.",
        ],
        "claims": [
            ("waiting lists had fallen", "Britain’s health secretary", None, [], "claim", None, None),
            ("150,000 fewer patients", "Wes Streeting", None, ["BBC Radio 4"], "claim", None, None),
            ("cleaned of duplicates", "King’s Fund", None, [], "denial", "150,000 fewer patients", None),
            ("checked by statisticians", "Wes Streeting", None, ["Sky News"], "denial", "cleaned of duplicates", None),
        ],
    },
    {
        "id": "guardian-factory-workers",
        "lines": [
            "At least 18 garment workers were injured when a fire broke out at a factory in Gazipur, police said on Saturday.",
            "The workers had been locked inside the building by managers, according to a statement from the Bangladesh Garment Workers Federation.",
            "The factory’s owner, Rahim Textiles, said the doors had been open and that staff had been evacuated within minutes.",
            "A firefighter at the scene said the blaze started in a storeroom on the second floor.",
        ],
        "claims": [
            ("At least 18 garment workers", "police", None, [], "claim", None, None),
            (
                "locked inside the building",
                "Bangladesh Garment Workers Federation",
                None,
                ["Bangladesh Garment Workers Federation"],
                "claim",
                None,
                None,
            ),
            ("doors had been open", "Rahim Textiles", None, [], "counter_claim", "locked inside the building", None),
            ("started in a storeroom", "A firefighter", None, [], "claim", None, None),
        ],
    },
]


if __name__ == "__main__":
    print_documents(DOCS)
