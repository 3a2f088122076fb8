"""Builds newswire.jsonl: hand-written, hand-annotated passages in the shared evaluation format.

Each claim names its sentence by a unique substring; the script expands it to the full sentence
so that the annotations stay readable. Run: python build_newswire.py > newswire.jsonl
"""

import json
import sys

DOCS = [
    {
        "id": "wire-war-energy",
        "lines": [
            "KYIV, March 3 (Reuters) - Russian missiles struck an energy facility in the western Lviv region overnight, Ukraine's energy ministry said on Sunday, adding that power had been cut to thousands of homes.",
            "Ukraine's air force said on Telegram that it had shot down 22 of 34 drones launched by Russia. Reuters could not independently verify the figures.",
            "Russia's defence ministry said its forces had destroyed 18 Ukrainian drones over the Belgorod and Kursk regions.",
            "Kremlin spokesman Dmitry Peskov told reporters that Moscow remained open to talks but that Kyiv had turned down every proposal.",
            "Ukrainian officials have dismissed that assertion as propaganda, saying Russia has never put forward a serious offer.",
            "A senior U.S. official, speaking on condition of anonymity, said Washington was preparing a new package of air defence aid worth about $300 million.",
            "The official did not give details of the timing.",
            "Separately, a court in Kyiv denied bail to a former deputy minister accused of embezzlement.",
            "Zelenskiy rejected a Russian proposal for a holiday ceasefire last month.",
        ],
        "claims": [
            ("Russian missiles struck", "Ukraine's energy ministry", None, [], "claim", None, None),
            (
                "air force said on Telegram",
                "Ukraine's air force",
                None,
                [],
                "claim",
                None,
                "Reuters could not independently verify the figures",
            ),
            ("destroyed 18 Ukrainian drones", "Russia's defence ministry", None, [], "claim", None, None),
            ("Moscow remained open", "Dmitry Peskov", "Kremlin", [], "claim", None, None),
            ("dismissed that assertion", "Ukrainian officials", None, [], "denial", "Moscow remained open", None),
            ("package of air defence aid", "A senior U.S. official", None, [], "claim", None, None),
        ],
    },
    {
        "id": "wire-business-denial",
        "lines": [
            "WASHINGTON (AP) — The Justice Department is investigating whether a major defense contractor overbilled the Pentagon by more than $200 million, according to two people familiar with the matter.",
            "The company, Halbrook Systems, denied any wrongdoing. “These allegations are baseless, and we will defend ourselves vigorously,” spokeswoman Karen Ellis said in an emailed statement.",
            "The people spoke on condition of anonymity because they were not authorized to discuss the investigation publicly.",
            "A Justice Department spokesman declined to comment.",
            "Sen. Maria Delgado, a Democrat who chairs the Senate Armed Services subcommittee, said the allegations, if true, showed a “pattern of abuse” at the company.",
            "“Taxpayers deserve answers,” she said.",
            "Halbrook's chief executive, Tom Reyes, told investors last week that the company's billing had been reviewed by outside auditors and found to be in order.",
            "A federal judge last year dismissed a separate lawsuit brought by a former Halbrook employee.",
        ],
        "claims": [
            ("overbilled the Pentagon", "two people familiar with the matter", None, [], "claim", None, None),
            ("denied any wrongdoing", "Halbrook Systems", None, [], "denial", "overbilled the Pentagon", None),
            (
                "These allegations are baseless",
                "Karen Ellis",
                "Halbrook Systems",
                [],
                "denial",
                "overbilled the Pentagon",
                None,
            ),
            ("pattern of abuse", "Maria Delgado", None, [], "claim", None, None),
            (
                "told investors last week",
                "Tom Reyes",
                "Halbrook Systems",
                [],
                "counter_claim",
                "overbilled the Pentagon",
                None,
            ),
        ],
    },
    {
        "id": "wire-gaza-strikes",
        "lines": [
            "Israeli forces killed at least 27 Palestinians in strikes across the Gaza Strip on Tuesday, the Gaza Health Ministry said.",
            "The Israeli military said it had targeted “Hamas terrorist infrastructure” and took steps to mitigate harm to civilians. It did not provide evidence for the claim.",
            "Medical sources at al-Aqsa Martyrs Hospital told Al Jazeera that most of the dead were women and children. Al Jazeera could not independently confirm the figures.",
            "Hamas called the Israeli statement “a blatant lie” and said the building housed displaced families.",
            "Israel's Prime Minister Benjamin Netanyahu said on Monday that the war would continue “until all our goals are achieved”.",
            "Egyptian state media, citing a senior official, reported that mediators had presented a new ceasefire proposal to both sides.",
            "Israel rejected the proposal on Wednesday.",
        ],
        "claims": [
            ("killed at least 27", "Gaza Health Ministry", None, [], "claim", None, None),
            (
                "Hamas terrorist infrastructure",
                "Israeli military",
                None,
                [],
                "claim",
                None,
                "It did not provide evidence for the claim",
            ),
            (
                "most of the dead",
                "Medical sources at al-Aqsa Martyrs Hospital",
                None,
                ["Al Jazeera"],
                "claim",
                None,
                "Al Jazeera could not independently confirm the figures",
            ),
            ("a blatant lie", "Hamas", None, [], "denial", "Hamas terrorist infrastructure", None),
            ("until all our goals", "Benjamin Netanyahu", None, [], "claim", None, None),
            ("mediators had presented", "a senior official", None, ["Egyptian state media"], "claim", None, None),
        ],
    },
    {
        "id": "wire-uk-budget",
        "lines": [
            "The government has denied reports that it plans to scrap the two-child benefit cap in next month's Budget.",
            "The Sunday Times reported that ministers had drawn up plans to lift the cap at a cost of £3.5bn a year.",
            "A Treasury spokesperson said: “We do not comment on speculation about the Budget.”",
            "Downing Street said there were “no such plans”.",
            "Labour MP Nadia Whittome told the BBC that dozens of backbenchers would rebel if the cap stayed.",
            "Critics say the policy has pushed hundreds of thousands of children into poverty.",
            "The Resolution Foundation, a think tank, estimates that lifting the cap would cost £3.4bn.",
            "The prime minister is expected to set out his plans in a speech on Monday.",
        ],
        "claims": [
            ("has denied reports", "The government", None, [], "denial", "ministers had drawn up", None),
            ("ministers had drawn up", "The Sunday Times", None, [], "claim", None, None),
            ("no such plans", "Downing Street", None, [], "denial", "ministers had drawn up", None),
            ("backbenchers would rebel", "Nadia Whittome", None, ["BBC"], "claim", None, None),
            ("Critics say", "Critics", None, [], "claim", None, None),
            ("Resolution Foundation", "Resolution Foundation", None, [], "claim", None, None),
        ],
    },
    {
        "id": "wire-us-election",
        "lines": [
            "Former President Donald Trump claimed without evidence on Saturday that the election in Georgia had been “rigged,” repeating a falsehood that state officials have repeatedly debunked.",
            "Georgia Secretary of State Brad Raffensperger, a Republican, said in a statement that three counts of the ballots had confirmed the result.",
            "“We counted every legal vote three times,” Raffensperger wrote on X.",
            "A spokesperson for the Trump campaign did not respond to NPR's request for comment.",
            "According to an NPR analysis of court records, more than 60 lawsuits challenging the results were dismissed or withdrawn.",
            "The campaign has insisted that the lawsuits were never heard on their merits, a claim that legal experts dispute.",
            "The campaign said a new witness affidavit, filed on Friday, showed ballots had been counted twice in Fulton County. CNN has not been able to independently verify the campaign's account.",
        ],
        "claims": [
            ("had been “rigged,”", "Donald Trump", None, [], "claim", None, "without evidence"),
            (
                "three counts of the ballots",
                "Brad Raffensperger",
                None,
                [],
                "counter_claim",
                "had been “rigged,”",
                None,
            ),
            ("We counted every legal vote", "Brad Raffensperger", None, [], "claim", None, None),
            ("more than 60 lawsuits", "NPR", None, [], "claim", None, None),
            ("never heard on their merits", "Trump campaign", None, [], "claim", None, None),
            ("never heard on their merits", "legal experts", None, [], "denial", "never heard on their merits", None),
            (
                "new witness affidavit",
                "Trump campaign",
                None,
                [],
                "claim",
                None,
                "CNN has not been able to independently verify the campaign's account",
            ),
        ],
    },
    {
        "id": "wire-hard-negatives",
        "lines": [
            "Two journalists were denied entry to the country at the airport on Friday, their employer said.",
            "A judge denied the motion to dismiss the case against the former minister.",
            "Moldova's parliament rejected a peace plan put forward by the separatist region's leaders.",
            "The foreign ministry dismissed the ambassador in a reshuffle announced on Thursday.",
            "Officials announced a new round of sanctions targeting Russia's shadow fleet.",
            "The EU's foreign policy chief, Kaja Kallas, warned member states against easing pressure on Moscow.",
            "She urged allies to send more air defence systems to Ukraine.",
            "Police said a 34-year-old man had been arrested on suspicion of arson.",
            "His lawyer said he denied the charges.",
        ],
        "claims": [
            ("denied entry", "their employer", None, [], "claim", None, None),
            ("34-year-old man", "Police", None, [], "claim", None, None),
            ("His lawyer", "His lawyer", None, [], "denial", None, None),
        ],
    },
    {
        "id": "wire-science-dispute",
        "lines": [
            "“We have seen no sign that the virus was engineered,” said Dr. Anne Larson, an epidemiologist at Johns Hopkins University.",
            "Larson said the agency's findings were consistent with a natural spillover.",
            "But the FBI, in a classified assessment reported by The Wall Street Journal, concluded with “low confidence” that a lab leak was most likely.",
            "China's foreign ministry called the lab-leak theory “politically motivated” and said there was no basis for it.",
            "Beijing has repeatedly rejected calls for an independent investigation.",
            "In an interview with NPR, former CDC director Robert Redfield said he still believed the virus came from a laboratory.",
            "Redfield did not offer evidence for that view.",
        ],
        "claims": [
            ("We have seen no sign", "Anne Larson", None, [], "claim", None, None),
            ("natural spillover", "Anne Larson", None, [], "claim", None, None),
            ("low confidence", "FBI", None, ["The Wall Street Journal"], "counter_claim", "natural spillover", None),
            ("politically motivated", "China's foreign ministry", None, [], "denial", "low confidence", None),
            (
                "came from a laboratory",
                "Robert Redfield",
                None,
                ["NPR"],
                "claim",
                None,
                "Redfield did not offer evidence for that view",
            ),
        ],
    },
]


def sentence_of(sents: list[str], doc_id: str, sub: str) -> str:
    hits = [s for s in sents if sub in s]
    assert len(hits) == 1, (doc_id, sub, hits)
    return hits[0]


def main() -> None:
    sys.path.insert(0, ".")
    from claims.extraction.sentences import split_sentences

    for doc in DOCS:
        text = "\n".join(doc["lines"])
        sents = [text[s.start : s.end] for s in split_sentences(text)]


        ids = {}
        claims = []
        for n, (sub, claimant, org, via, kind, denies, cue) in enumerate(doc["claims"], 1):
            key = f"c{n}"
            sent = sentence_of(sents, doc["id"], sub)
            ids.setdefault(sub, key)
            claims.append(
                {
                    "id": key,
                    "sentence": sent,
                    "claimant": claimant,
                    "claimant_org": org,
                    "via": via,
                    "kind": kind,
                    "denies": denies,
                    "unverified": cue is not None,
                    "cue": cue,
                }
            )
        for c in claims:
            if c["denies"]:
                c["denies"] = ids[c["denies"]]
        print(json.dumps({"id": doc["id"], "text": text, "claims": claims}, ensure_ascii=False))


if __name__ == "__main__":
    main()
