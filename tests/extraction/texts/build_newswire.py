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
    {
        "id": "wire-bank-talks",
        "lines": [
            "LONDON, June 12 (Reuters) - British lender Northgate Bank is in talks to buy smaller rival Castlefield for about 1.2 billion pounds, two sources told Reuters on Wednesday.",
            "Northgate declined to comment, while Castlefield said it did not comment on market rumours.",
            "One of the sources said a deal could be announced as early as next week, although talks could still collapse.",
            "Sky News first reported the talks on Tuesday.",
            "Castlefield's shares jumped 14% in early trading.",
            "Later on Wednesday, Northgate said in a statement to the stock exchange that it was “not in discussions” with Castlefield or any other party.",
            "Analysts at Peel Hunt said a combination would create the country's sixth-largest lender by deposits.",
        ],
        "claims": [
            ("in talks to buy", "two sources", None, ["Reuters"], "claim", None, None),
            ("One of the sources", "One of the sources", None, [], "claim", None, None),
            ("not in discussions", "Northgate Bank", None, [], "denial", "in talks to buy", None),
            ("Analysts at Peel Hunt", "Analysts at Peel Hunt", None, [], "claim", None, None),
        ],
    },
    {
        "id": "liveblog-refinery",
        "lines": [
            "Ukraine's military intelligence agency (HUR) said on Friday its drones had struck an oil refinery in Russia's Ryazan region, causing a large fire.",
            "Russian officials said air defences had downed all 12 drones over the region and there was no damage to infrastructure.",
            "The regional governor, Pavel Malkov, wrote on Telegram that debris had fallen on the grounds of an industrial facility but did not name it.",
            "Neither side's account could be independently verified.",
            "Meanwhile, Poland said it had scrambled jets after Russia launched a massive attack on western Ukraine.",
            "Russia's foreign ministry spokeswoman, Maria Zakharova, accused Warsaw of “provocations” and said Polish jets had never been in danger.",
            "Zelensky, in his nightly address, said Russia had fired more than 90 missiles and 60 drones overnight, mainly at energy infrastructure.",
        ],
        "claims": [
            (
                "struck an oil refinery",
                "Ukraine's military intelligence agency",
                None,
                [],
                "claim",
                None,
                "Neither side's account could be independently verified",
            ),
            (
                "downed all 12 drones",
                "Russian officials",
                None,
                [],
                "counter_claim",
                "struck an oil refinery",
                "Neither side's account could be independently verified",
            ),
            (
                "Pavel Malkov",
                "Pavel Malkov",
                None,
                [],
                "claim",
                None,
                "Neither side's account could be independently verified",
            ),
            ("scrambled jets", "Poland", None, [], "claim", None, None),
            ("Maria Zakharova", "Maria Zakharova", "Russia's foreign ministry", [], "claim", None, None),
            ("nightly address", "Zelensky", None, [], "claim", None, None),
        ],
    },
    {
        "id": "wire-health-report",
        "lines": [
            "The White House on Tuesday rejected a report that President Joe Biden had been diagnosed with a neurological condition, calling it “categorically false.”",
            "The Daily Signal, a conservative website, reported on Monday that Biden had been diagnosed with the condition, citing an unnamed former aide.",
            "“The president is in excellent health,” White House press secretary Karine Jean-Pierre told reporters at the daily briefing.",
            "Republican Rep. James Comer, who chairs the House Oversight Committee, said his panel would seek testimony from the president's physician.",
            "Comer said, without offering evidence, that the president's doctors had been pressured to hide test results.",
            "Asked whether the president would release his medical records, Jean-Pierre said he had done so in February.",
            "A spokesperson for The Daily Signal said the outlet stood by its reporting.",
        ],
        "claims": [
            ("rejected a report", "White House", None, [], "denial", "citing an unnamed former aide", None),
            (
                "citing an unnamed former aide",
                "an unnamed former aide",
                None,
                ["The Daily Signal"],
                "claim",
                None,
                None,
            ),
            (
                "excellent health",
                "Karine Jean-Pierre",
                "White House",
                [],
                "counter_claim",
                "citing an unnamed former aide",
                None,
            ),
            ("seek testimony", "James Comer", None, [], "claim", None, None),
            ("pressured to hide", "James Comer", None, [], "claim", None, "without offering evidence"),
            ("done so in February", "Karine Jean-Pierre", None, [], "claim", None, None),
            (
                "stood by its reporting",
                "A spokesperson for The Daily Signal",
                "The Daily Signal",
                [],
                "claim",
                None,
                None,
            ),
        ],
    },
    {
        "id": "wire-school-strike",
        "lines": [
            "At least 15 people were killed when an air strike hit a school sheltering displaced families in central Gaza, the Hamas-run civil defence agency said.",
            "The Israel Defense Forces said it had carried out a “precise strike” on Hamas militants operating from a command centre inside the compound.",
            "“There was no command centre, only children and women,” a witness told the BBC.",
            "The IDF said the number of casualties cited by the civil defence agency “does not match the information available” to the military.",
            "The BBC has not been able to verify either account.",
            "On Sunday, Qatar's foreign ministry spokesman Majed al-Ansari said negotiations on a ceasefire were at a “critical stage”.",
            "An Israeli official, who spoke on condition of anonymity, dismissed suggestions that a deal was close.",
        ],
        "claims": [
            (
                "At least 15 people",
                "the Hamas-run civil defence agency",
                None,
                [],
                "claim",
                None,
                "The BBC has not been able to verify either account",
            ),
            (
                "precise strike",
                "Israel Defense Forces",
                None,
                [],
                "claim",
                None,
                "The BBC has not been able to verify either account",
            ),
            (
                "There was no command centre",
                "a witness",
                None,
                ["BBC"],
                "denial",
                "precise strike",
                "The BBC has not been able to verify either account",
            ),
            (
                "does not match",
                "Israel Defense Forces",
                None,
                [],
                "counter_claim",
                "At least 15 people",
                "The BBC has not been able to verify either account",
            ),
            ("critical stage", "Majed al-Ansari", "Qatar's foreign ministry", [], "claim", None, None),
            ("dismissed suggestions", "An Israeli official", None, [], "denial", None, None),
        ],
    },
    {
        "id": "wire-tass-quote",
        "lines": [
            "MOSCOW, Feb 9 (Reuters) - Russia's Foreign Minister Sergei Lavrov said on Friday that Moscow had received no proposals from Washington on resuming arms control talks, state news agency TASS reported.",
            "Lavrov was quoted by RIA Novosti as saying that any new treaty would have to take into account the arsenals of Britain and France.",
            "The U.S. State Department said it had repeatedly offered to discuss a framework without preconditions.",
            "“The United States has made clear it is ready to engage,” department spokesperson Matthew Miller told a briefing. He added that Russia had not responded to the latest offer.",
            "A senior Western diplomat, who asked not to be named, said the two sides had held informal contacts in Geneva in December.",
            "The Kremlin has not commented on the report.",
            "Dmitry Medvedev, deputy chairman of Russia's Security Council, wrote on Telegram that the West was “lying as usual”.",
        ],
        "claims": [
            ("received no proposals", "Sergei Lavrov", None, ["TASS"], "claim", None, None),
            ("quoted by RIA Novosti", "Sergei Lavrov", None, ["RIA Novosti"], "claim", None, None),
            ("repeatedly offered", "U.S. State Department", None, [], "denial", "received no proposals", None),
            (
                "ready to engage",
                "Matthew Miller",
                "State Department",
                [],
                "counter_claim",
                "received no proposals",
                None,
            ),
            ("had not responded", "Matthew Miller", None, [], "claim", None, None),
            ("informal contacts in Geneva", "A senior Western diplomat", None, [], "claim", None, None),
            ("lying as usual", "Dmitry Medvedev", None, [], "denial", "ready to engage", None),
        ],
    },
    {
        "id": "npr-storm-aid",
        "lines": [
            "Officials in North Carolina say at least 40 people have died in the state since the storm made landfall, and dozens remain missing.",
            "Governor Roy Cooper told NPR on Monday that more than 300 roads were still closed.",
            "Posts on social media claimed that federal aid workers were confiscating donated supplies.",
            "FEMA called those claims “false and harmful” and said its staff were working with local charities.",
            "The agency said in a statement that it had delivered more than 7 million meals.",
            "Former President Donald Trump said at a rally that the administration had spent disaster money on migrants, a claim that NPR found to be untrue.",
            "Local volunteers said the response had been slow in remote mountain areas.",
        ],
        "claims": [
            ("at least 40 people", "Officials in North Carolina", None, [], "claim", None, None),
            ("300 roads", "Roy Cooper", None, ["NPR"], "claim", None, None),
            ("confiscating donated supplies", "Posts on social media", None, [], "claim", None, None),
            ("false and harmful", "FEMA", None, [], "denial", "confiscating donated supplies", None),
            ("7 million meals", "FEMA", None, [], "claim", None, None),
            ("spent disaster money", "Donald Trump", None, [], "claim", None, None),
            ("spent disaster money", "NPR", None, [], "denial", "spent disaster money", None),
            ("response had been slow", "Local volunteers", None, [], "claim", None, None),
        ],
    },
    {
        "id": "cnn-sudan",
        "lines": [
            "The Rapid Support Forces (RSF) killed more than 100 civilians in an attack on a village in Sudan's El Gezira state, a local resistance committee said on Thursday.",
            "The RSF denied targeting civilians and said its fighters had clashed with army-allied militias in the area.",
            "CNN could not independently verify the death toll.",
            "Satellite images reviewed by CNN showed dozens of burned structures in the village.",
            "The United Nations humanitarian office said more than 10 million people had been displaced by the war, calling it the world's largest displacement crisis.",
            "Army chief Abdel Fattah al-Burhan vowed to continue fighting until the RSF was defeated.",
        ],
        "claims": [
            (
                "more than 100 civilians",
                "a local resistance committee",
                None,
                [],
                "claim",
                None,
                "CNN could not independently verify the death toll",
            ),
            ("denied targeting civilians", "Rapid Support Forces", None, [], "denial", "more than 100 civilians", None),
            ("10 million people", "United Nations humanitarian office", None, [], "claim", None, None),
        ],
    },
    {
        "id": "guardian-energy-company",
        "lines": [
            "Shares in Ofgem-regulated supplier Brightwater Energy fell sharply after the Financial Times reported that the company was facing a regulatory investigation into its billing of prepayment customers.",
            "Brightwater said the report was “inaccurate” and that it had not been notified of any investigation.",
            "Ofgem said it did not comment on individual cases.",
            "Consumer group Which? said it had received hundreds of complaints about the supplier in the past year.",
            "The company's chief executive, Sarah Linton, told shareholders in March that complaints had fallen by a third.",
            "Labour's shadow energy secretary, writing in the Guardian, accused the government of “sleepwalking” into another crisis.",
        ],
        "claims": [
            ("facing a regulatory investigation", "Financial Times", None, [], "claim", None, None),
            ("was “inaccurate”", "Brightwater Energy", None, [], "denial", "facing a regulatory investigation", None),
            ("hundreds of complaints", "Which?", None, [], "claim", None, None),
            ("fallen by a third", "Sarah Linton", None, [], "counter_claim", "hundreds of complaints", None),
            ("sleepwalking", "Labour's shadow energy secretary", None, ["Guardian"], "claim", None, None),
        ],
    },
    {
        "id": "ap-plant-fire",
        "lines": [
            "A fire at a chemical plant in eastern Ohio forced hundreds of residents from their homes on Sunday, said Lt. Dan Morris, a spokesperson for the county sheriff's office.",
            "The plant's owner, Calvex Chemicals, said in a statement that no toxic materials had been released and that air quality was being monitored.",
            "Residents told The Associated Press they had smelled a strong chemical odor for hours before the evacuation order.",
            "State environmental officials said they had not yet received test results.",
            "Calvex was fined $1.2 million in 2021 for safety violations, according to federal records.",
            "The company has strongly rejected accusations by a local environmental group that it ignored earlier warnings.",
            "The group's director, Emma Walsh, said the company had been told about corroded pipes in March.",
        ],
        "claims": [
            ("forced hundreds of residents", "Dan Morris", None, [], "claim", None, None),
            ("no toxic materials", "Calvex Chemicals", None, [], "claim", None, None),
            (
                "smelled a strong chemical odor",
                "Residents",
                None,
                ["The Associated Press"],
                "counter_claim",
                "no toxic materials",
                None,
            ),
            ("not yet received test results", "State environmental officials", None, [], "claim", None, None),
            ("fined $1.2 million", "federal records", None, [], "claim", None, None),
            ("strongly rejected accusations", "Calvex Chemicals", None, [], "denial", "corroded pipes", None),
            ("corroded pipes", "Emma Walsh", None, [], "claim", None, None),
        ],
    },
    {
        "id": "bbc-minister-texts",
        "lines": [
            "The health secretary has been accused of misleading Parliament over the number of new hospitals being built.",
            "Labour said only two of the promised 40 hospitals had been completed, citing figures from the NHS.",
            "A Department of Health spokesperson said the claims were “completely untrue” and that eight hospitals were already open.",
            "The BBC has seen messages in which a senior official describes the target as “unachievable”.",
            "Speaking to the BBC's Today programme, the health secretary insisted the programme was “on track”.",
            "Refused entry to the committee hearing, protesters gathered outside.",
        ],
        "claims": [
            ("only two of the promised 40", "Labour", None, [], "claim", None, None),
            (
                "completely untrue",
                "A Department of Health spokesperson",
                "Department of Health",
                [],
                "denial",
                "only two of the promised 40",
                None,
            ),
            ("on track", "the health secretary", None, ["BBC"], "counter_claim", "only two of the promised 40", None),
        ],
    },
    {
        "id": "aljazeera-border",
        "lines": [
            "Armed men attacked a border post in the north of the country overnight, killing at least eight soldiers, the army said in a statement on Saturday.",
            "A little-known armed group claimed responsibility for the attack in a video posted on social media, which Al Jazeera could not verify.",
            "The government blamed a neighbouring state for harbouring the fighters, an accusation the neighbour's foreign ministry described as “baseless and irresponsible”.",
            "Local residents said the fighting lasted for several hours.",
            "The interior ministry later said 12 attackers had been killed and several others arrested, but provided no evidence.",
        ],
        "claims": [
            ("killing at least eight soldiers", "the army", None, [], "claim", None, None),
            (
                "claimed responsibility",
                "A little-known armed group",
                None,
                [],
                "claim",
                None,
                "which Al Jazeera could not verify",
            ),
            ("harbouring the fighters", "The government", None, [], "claim", None, None),
            (
                "harbouring the fighters",
                "the neighbour's foreign ministry",
                None,
                [],
                "denial",
                "harbouring the fighters",
                None,
            ),
            ("lasted for several hours", "Local residents", None, [], "claim", None, None),
            ("12 attackers", "the interior ministry", None, [], "claim", None, "provided no evidence"),
        ],
    },
    {
        "id": "liveblog-summary",
        "lines": [
            "Key events",
            "",
            "- Russia's defence ministry said its forces had captured the village of Novomykhailivka in the Donetsk region.",
            "- Ukraine's general staff said the fighting there was continuing and denied that the village had fallen.",
            "- The International Atomic Energy Agency said a drone had struck the training centre at the Zaporizhzhia nuclear plant, without causing damage to the reactors.",
            "- Hungary's prime minister, Viktor Orbán, repeated his call for an immediate ceasefire.",
            "",
            "09.41 GMT",
            "",
            "Ukraine's air force says it destroyed 38 of 45 drones launched by Russia overnight.",
            "The remaining drones were “locationally lost”, the statement added, a phrase commonly used to refer to electronic jamming.",
        ],
        "claims": [
            ("captured the village", "Russia's defence ministry", None, [], "claim", None, None),
            (
                "denied that the village had fallen",
                "Ukraine's general staff",
                None,
                [],
                "denial",
                "captured the village",
                None,
            ),
            ("struck the training centre", "International Atomic Energy Agency", None, [], "claim", None, None),
            ("destroyed 38 of 45 drones", "Ukraine's air force", None, [], "claim", None, None),
            ("locationally lost", "Ukraine's air force", None, [], "claim", None, None),
        ],
    },
    {
        "id": "reuters-tech-probe",
        "lines": [
            "SAN FRANCISCO, May 2 (Reuters) - The U.S. Federal Trade Commission is examining whether chipmaker Norvex misled customers about delivery times, three people with knowledge of the matter said.",
            "Norvex said in an emailed response to Reuters questions that it had “always been transparent” with customers, but declined to comment on any regulatory inquiries.",
            "The FTC declined to comment.",
            "Two of the people said the probe was at an early stage and might not lead to any action.",
            "Norvex shares fell 4% in extended trading after the Reuters report.",
            "Analyst Priya Raman of Bernstein said she did not expect the inquiry to affect demand for the company's chips.",
        ],
        "claims": [
            ("misled customers", "three people with knowledge of the matter", None, [], "claim", None, None),
            ("always been transparent", "Norvex", None, ["Reuters"], "counter_claim", "misled customers", None),
            ("early stage", "Two of the people", None, [], "claim", None, None),
            ("Priya Raman", "Priya Raman", "Bernstein", [], "claim", None, None),
        ],
    },
    {
        "id": "ap-senate-quotes",
        "lines": [
            "WASHINGTON (AP) — Senate Majority Leader Chuck Schumer said Tuesday that a bipartisan border deal was “very close,” but Republican leaders cast doubt on whether it could pass.",
            "“We are not there yet,” Senate Minority Leader Mitch McConnell told reporters. He said any agreement would need the support of a majority of Republicans.",
            "House Speaker Mike Johnson has called the emerging deal “dead on arrival” in the House.",
            "The White House said President Joe Biden was prepared to sign it.",
            "Johnson's office did not respond to a request for comment on Tuesday.",
            "Sen. James Lankford, the lead Republican negotiator, said critics were spreading “false information” about the bill, insisting it would not allow 5,000 illegal crossings a day.",
            "Former President Donald Trump, who has urged Republicans to reject the deal, said on social media that it would be a “gift” to Democrats.",
        ],
        "claims": [
            ("very close", "Chuck Schumer", None, [], "claim", None, None),
            ("We are not there yet", "Mitch McConnell", None, [], "counter_claim", "very close", None),
            ("majority of Republicans", "Mitch McConnell", None, [], "claim", None, None),
            ("dead on arrival", "Mike Johnson", None, [], "claim", None, None),
            ("prepared to sign", "White House", None, [], "claim", None, None),
            ("false information", "James Lankford", None, [], "denial", None, None),
            ("gift", "Donald Trump", None, [], "claim", None, None),
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
