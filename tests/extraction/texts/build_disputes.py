"""Builds disputes.jsonl: hand-written passages rich in denials, counter-claims and unverified cues.

The same annotation shorthand as build_newswire.py: each claim names its sentence by a unique
substring, (substring, claimant, claimant_org, via, kind, denied substring, cue). Two entries in
one sentence (a report and its denial) use two different substrings of that sentence.
Run from the repository root: python tests/extraction/texts/build_disputes.py > tests/extraction/texts/disputes.jsonl
"""

import json
import sys

DOCS = [
    {
        "id": "reuters-pension-denial-first",
        "lines": [
            "LONDON, Oct 14 (Reuters) - Britain's Treasury on Tuesday denied reports that it was preparing to cap the tax-free lump sum that savers can take from their pensions.",
            "The Guardian reported on Monday that officials had drawn up plans to cap the tax-free pension lump sum at 100,000 pounds in next month's budget.",
            "Pension providers said they had seen a surge in withdrawals since the summer as savers tried to get ahead of any change.",
            "Reuters could not independently confirm the Guardian's account.",
        ],
        "claims": [
            ("denied reports that it was preparing", "Treasury", None, [], "denial", "drawn up plans", None),
            (
                "drawn up plans",
                "The Guardian",
                None,
                [],
                "claim",
                None,
                "Reuters could not independently confirm the Guardian's account",
            ),
            ("surge in withdrawals", "Pension providers", None, [], "claim", None, None),
        ],
    },
    {
        "id": "ap-school-strike-versions",
        "lines": [
            "DEIR AL-BALAH, Gaza Strip (AP) — An Israeli strike on a former school in central Gaza killed at least 18 people, including six children, the territory's Health Ministry said Thursday.",
            "The Israeli military said it had struck militants operating from a command room inside the building and had taken steps to reduce harm to civilians.",
            "It did not provide evidence for the claim.",
            "Hamas said none of its fighters had been inside the compound at the time.",
            "A spokesperson for the U.N. agency for Palestinian refugees said about 4,000 people had been sheltering at the school.",
        ],
        "claims": [
            ("killed at least 18 people", "Health Ministry", None, [], "claim", None, None),
            (
                "struck militants operating",
                "Israeli military",
                None,
                [],
                "counter_claim",
                "killed at least 18 people",
                "It did not provide evidence for the claim",
            ),
            ("none of its fighters", "Hamas", None, [], "denial", "struck militants operating", None),
            ("4,000 people had been sheltering", "A spokesperson for the U.N. agency", None, [], "claim", None, None),
        ],
    },
    {
        "id": "guardian-court-loan",
        "lines": [
            "Prosecutors told Southwark crown court on Monday that the former council leader Derek Haines had accepted £40,000 in cash from a developer in exchange for planning approvals.",
            "Haines, 61, has pleaded not guilty to two counts of misconduct in public office.",
            "His barrister, Fiona Clarke KC, said the money had been the repayment of a private loan between two old friends.",
            "“I never sold my vote to anybody,” Haines told the jury.",
            "The developer, Ashcombe Homes, said in a statement that it had cooperated fully with the police investigation.",
        ],
        "claims": [
            ("accepted £40,000", "Prosecutors", None, [], "claim", None, None),
            ("repayment of a private loan", "Fiona Clarke", None, [], "counter_claim", "accepted £40,000", None),
            ("I never sold my vote", "Derek Haines", None, [], "denial", "accepted £40,000", None),
            ("cooperated fully", "Ashcombe Homes", None, [], "claim", None, None),
        ],
    },
    {
        "id": "afp-embassy-report",
        "lines": [
            "MOSCOW (AFP) - Kremlin spokesman Dmitry Peskov on Wednesday denied a report by the Kommersant newspaper that Moscow was preparing to close its embassy in Oslo.",
            "“Nothing of the kind is being discussed,” Peskov told journalists on a conference call.",
            "Norway's foreign ministry said it had not been informed of any change and that its own embassy in Moscow was working normally.",
            "Ukraine's air force said on Telegram that Russia had launched 90 drones overnight, of which 71 were shot down.",
            "Russia's defence ministry said its air defences had destroyed 26 Ukrainian drones over the Bryansk and Kursk regions.",
            "AFP could not independently verify the claims of either side.",
        ],
        "claims": [
            ("Moscow was preparing to close", "Kommersant", None, [], "claim", None, None),
            (
                "denied a report by the Kommersant",
                "Dmitry Peskov",
                "Kremlin",
                [],
                "denial",
                "Moscow was preparing to close",
                None,
            ),
            ("Nothing of the kind", "Dmitry Peskov", "Kremlin", [], "denial", "Moscow was preparing to close", None),
            ("not been informed of any change", "Norway's foreign ministry", None, [], "claim", None, None),
            (
                "launched 90 drones",
                "Ukraine's air force",
                None,
                [],
                "claim",
                None,
                "AFP could not independently verify the claims of either side",
            ),
            (
                "destroyed 26 Ukrainian drones",
                "Russia's defence ministry",
                None,
                [],
                "claim",
                None,
                "AFP could not independently verify the claims of either side",
            ),
        ],
    },
    {
        "id": "bbc-reshuffle-report",
        "lines": [
            "Downing Street has said a Mail on Sunday report that the prime minister plans to sack the chancellor in a reshuffle is “categorically untrue”.",
            "The Mail on Sunday reported that the prime minister had lost confidence in the chancellor after the autumn budget.",
            "The chancellor, Martin Hale, told broadcasters he had “never worked more closely” with the prime minister.",
            "Opposition leader Helen Marsh said the government was “paralysed by infighting”, a charge No 10 rejected.",
        ],
        "claims": [
            ("plans to sack the chancellor", "Mail on Sunday", None, [], "claim", None, None),
            (
                "is “categorically untrue”",
                "Downing Street",
                None,
                [],
                "denial",
                "plans to sack the chancellor",
                None,
            ),
            ("lost confidence in the chancellor", "Mail on Sunday", None, [], "claim", None, None),
            (
                "never worked more closely",
                "Martin Hale",
                None,
                [],
                "counter_claim",
                "lost confidence in the chancellor",
                None,
            ),
            ("paralysed by infighting", "Helen Marsh", None, [], "claim", None, None),
            ("a charge No 10 rejected", "No 10", None, [], "denial", "paralysed by infighting", None),
        ],
    },
    {
        "id": "aljazeera-babanusa-accounts",
        "lines": [
            "The paramilitary Rapid Support Forces (RSF) said on Monday it had seized the army's last base in the town of Babanusa in West Kordofan.",
            "A spokesman for the Sudanese army said troops were still holding the garrison and had repelled three attacks overnight.",
            "Medical sources at the town's hospital told Al Jazeera that at least 35 civilians had been killed by shelling on Sunday.",
            "A local monitoring group, the Emergency Lawyers, said RSF fighters had detained dozens of men as they tried to flee.",
            "Al Jazeera could not independently verify the accounts from Babanusa, where communications have been cut for weeks.",
        ],
        "claims": [
            (
                "seized the army's last base",
                "Rapid Support Forces",
                None,
                [],
                "claim",
                None,
                "Al Jazeera could not independently verify the accounts from Babanusa",
            ),
            (
                "still holding the garrison",
                "A spokesman for the Sudanese army",
                None,
                [],
                "counter_claim",
                "seized the army's last base",
                "Al Jazeera could not independently verify the accounts from Babanusa",
            ),
            (
                "35 civilians",
                "Medical sources",
                None,
                ["Al Jazeera"],
                "claim",
                None,
                "Al Jazeera could not independently verify the accounts from Babanusa",
            ),
            (
                "detained dozens of men",
                "Emergency Lawyers",
                None,
                [],
                "claim",
                None,
                "Al Jazeera could not independently verify the accounts from Babanusa",
            ),
        ],
    },
    {
        "id": "cnn-airport-delays-data",
        "lines": [
            "Federal Aviation Administration officials said Wednesday that staffing shortages at a New Jersey radar facility had caused most of the delays at Newark airport this summer.",
            "Atlantica Airways chief executive Paul Brandt disputed that account, saying the airline's own data showed runway construction was to blame for two-thirds of the delays.",
            "He did not provide data to support the figure.",
            "The air traffic controllers' union said it had warned the agency about staffing at the facility for more than two years.",
            "An FAA spokesperson said the agency had hired 2,000 controllers last year, the most in a decade.",
        ],
        "claims": [
            (
                "staffing shortages at a New Jersey",
                "Federal Aviation Administration officials",
                None,
                [],
                "claim",
                None,
                None,
            ),
            (
                "disputed that account",
                "Paul Brandt",
                "Atlantica Airways",
                [],
                "denial",
                "staffing shortages at a New Jersey",
                "He did not provide data to support the figure",
            ),
            ("warned the agency", "The air traffic controllers' union", None, [], "claim", None, None),
            ("hired 2,000 controllers", "An FAA spokesperson", None, [], "claim", None, None),
        ],
    },
    {
        "id": "npr-battery-plant-union",
        "lines": [
            "Workers at a Tennessee battery plant were ordered to keep production lines running during a chemical leak last month, the United Auto Workers union said in a complaint filed with federal safety regulators on Monday.",
            "Two workers were treated in hospital for breathing problems, the union said.",
            "Kestrel Energy, which operates the plant, rejected the union's allegation that staff had been kept on the lines during the leak, saying air monitors had detected no dangerous levels of fumes.",
            "The Occupational Safety and Health Administration said it had opened an inspection.",
            "A company spokeswoman, Dana Whitlow, said nobody had been asked to stay on the production floor during the incident.",
        ],
        "claims": [
            ("ordered to keep production lines", "United Auto Workers", None, [], "claim", None, None),
            ("treated in hospital", "United Auto Workers", None, [], "claim", None, None),
            (
                "rejected the union's allegation",
                "Kestrel Energy",
                None,
                [],
                "denial",
                "ordered to keep production lines",
                None,
            ),
            ("opened an inspection", "Occupational Safety and Health Administration", None, [], "claim", None, None),
            (
                "nobody had been asked",
                "Dana Whitlow",
                "Kestrel Energy",
                [],
                "denial",
                "ordered to keep production lines",
                None,
            ),
        ],
    },
    {
        "id": "reuters-food-sale-report",
        "lines": [
            "Shares in Pellam Foods fell 6% on Friday after the snacks maker denied a Bloomberg News report that it was exploring a sale of its European business.",
            "Bloomberg reported on Thursday that Pellam had hired advisers to sound out potential buyers for the unit, which could be valued at about $2 billion.",
            "“The company is not running a sale process for any part of the business,” Pellam said in a statement.",
            "Reuters could not immediately verify the Bloomberg report.",
        ],
        "claims": [
            (
                "exploring a sale of its European business",
                "Bloomberg News",
                None,
                [],
                "claim",
                None,
                "Reuters could not immediately verify the Bloomberg report",
            ),
            (
                "after the snacks maker denied",
                "Pellam Foods",
                None,
                [],
                "denial",
                "exploring a sale of its European business",
                None,
            ),
            (
                "hired advisers",
                "Bloomberg",
                None,
                [],
                "claim",
                None,
                "Reuters could not immediately verify the Bloomberg report",
            ),
            (
                "not running a sale process",
                "Pellam Foods",
                None,
                [],
                "denial",
                "exploring a sale of its European business",
                None,
            ),
        ],
    },
    {
        "id": "guardian-waiting-lists",
        "lines": [
            "The British Medical Association has rejected the health secretary's claim that waiting lists would have fallen faster without strikes, saying the government's own data showed otherwise.",
            "NHS England said on Thursday that the waiting list for routine hospital treatment had fallen to 7.4 million in September, the lowest level for two years.",
            "The Liberal Democrats said the figures were “massively inflated” by patients being removed from lists without being treated.",
            "The Royal College of Surgeons said more than 300,000 patients had waited over a year for surgery.",
        ],
        "claims": [
            ("rejected the health secretary's claim", "British Medical Association", None, [], "denial", None, None),
            ("fallen to 7.4 million", "NHS England", None, [], "claim", None, None),
            ("massively inflated", "Liberal Democrats", None, [], "denial", "fallen to 7.4 million", None),
            ("300,000 patients", "Royal College of Surgeons", None, [], "claim", None, None),
        ],
    },
    {
        "id": "ap-railway-station-strike",
        "lines": [
            "KYIV, Ukraine (AP) — Russian forces struck a railway station in the Sumy region on Saturday, killing four people and wounding 11, the regional governor said.",
            "Russia's Defense Ministry said its forces had hit a train carrying Western-supplied weapons and foreign mercenaries at the station.",
            "Ukraine's national railway company said the train had been carrying only civilian passengers on a regular service.",
            "Separately, Ukraine's air force said it had shot down 48 of 62 drones launched overnight.",
            "The Associated Press could not independently verify the casualty figures.",
        ],
        "claims": [
            (
                "killing four people",
                "the regional governor",
                None,
                [],
                "claim",
                None,
                "The Associated Press could not independently verify the casualty figures",
            ),
            (
                "Western-supplied weapons",
                "Russia's Defense Ministry",
                None,
                [],
                "counter_claim",
                "killing four people",
                None,
            ),
            (
                "only civilian passengers",
                "Ukraine's national railway company",
                None,
                [],
                "counter_claim",
                "Western-supplied weapons",
                None,
            ),
            ("shot down 48 of 62", "Ukraine's air force", None, [], "claim", None, None),
        ],
    },
    {
        "id": "aljazeera-olive-farmers",
        "lines": [
            "Israeli forces shot dead two men near the southern Lebanese border town of Aita al-Shaab on Tuesday, Lebanon's health ministry said.",
            "The Israeli army said its troops had fired at suspects who approached them and posed an immediate threat.",
            "Relatives told Al Jazeera the men were farmers picking olives on their own land and were unarmed.",
            "Al Jazeera was unable to independently verify the relatives' account.",
        ],
        "claims": [
            ("shot dead two men", "Lebanon's health ministry", None, [], "claim", None, None),
            ("fired at suspects", "Israeli army", None, [], "counter_claim", "shot dead two men", None),
            (
                "farmers picking olives",
                "Relatives",
                None,
                ["Al Jazeera"],
                "counter_claim",
                "fired at suspects",
                "Al Jazeera was unable to independently verify the relatives' account",
            ),
        ],
    },
    {
        "id": "reuters-platform-regulator",
        "lines": [
            "DUBLIN, March 4 (Reuters) - Ireland's media regulator said on Monday that video platform Vibely had failed to remove illegal content within 24 hours in more than 2,000 cases last year.",
            "Vibely said it had removed 98% of reported posts within a day.",
            "Digital rights group Access Now said the company's assertion did not match what users had reported to it.",
            "“We categorically reject any suggestion that we ignored our legal obligations,” a Vibely spokesperson said.",
        ],
        "claims": [
            ("failed to remove illegal content", "Ireland's media regulator", None, [], "claim", None, None),
            ("removed 98%", "Vibely", None, [], "counter_claim", "failed to remove illegal content", None),
            ("did not match", "Access Now", None, [], "denial", "removed 98%", None),
            (
                "categorically reject",
                "a Vibely spokesperson",
                None,
                [],
                "denial",
                "failed to remove illegal content",
                None,
            ),
        ],
    },
    {
        "id": "cnn-governor-trial",
        "lines": [
            "A former aide to Governor Ellen Cartwright testified Tuesday that the governor personally approved a $3 million contract for a campaign donor's firm.",
            "Cartwright's attorney, Ben Osei, said the governor had never seen the contract before it was signed.",
            "The aide's account was disputed by the state procurement office, which said the contract had gone through competitive bidding.",
            "The jury is expected to hear from the donor next week.",
        ],
        "claims": [
            ("personally approved", "A former aide", None, [], "claim", None, None),
            ("never seen the contract", "Ben Osei", None, [], "denial", "personally approved", None),
            ("competitive bidding", "state procurement office", None, [], "denial", "personally approved", None),
        ],
    },
    {
        "id": "bbc-copper-river",
        "lines": [
            "Residents of Kasempa district say a copper mine owned by Tundra Metals has polluted a river that supplies drinking water to 20,000 people.",
            "Tundra Metals said water samples taken by independent laboratories showed the river met national safety standards.",
            "Zambia's environment agency said it had sent inspectors to the site and would publish its findings within a month.",
            "A local MP, Grace Mwale, accused the company of bribing officials to ignore the spill, without providing evidence.",
            "The company called the accusation “defamatory and false”.",
        ],
        "claims": [
            ("polluted a river", "Residents of Kasempa district", None, [], "claim", None, None),
            ("met national safety standards", "Tundra Metals", None, [], "counter_claim", "polluted a river", None),
            ("sent inspectors", "Zambia's environment agency", None, [], "claim", None, None),
            (
                "bribing officials",
                "Grace Mwale",
                None,
                [],
                "claim",
                None,
                "without providing evidence",
            ),
            ("defamatory and false", "Tundra Metals", None, [], "denial", "bribing officials", None),
        ],
    },
    {
        "id": "afp-pension-march",
        "lines": [
            "PARIS (AFP) - The French government on Tuesday dismissed accusations that it had misled parliament over the cost of its pension reform.",
            "Labour Minister Claire Dubois said the reform would save 14 billion euros a year by 2030.",
            "The CGT union said more than a million people had marched against the reform across France on Saturday.",
            "The interior ministry said 310,000 people had taken part in the protests nationwide.",
        ],
        "claims": [
            ("dismissed accusations", "French government", None, [], "denial", None, None),
            ("14 billion euros", "Claire Dubois", None, [], "claim", None, None),
            ("more than a million people", "CGT union", None, [], "claim", None, None),
            ("310,000 people", "interior ministry", None, [], "counter_claim", "more than a million people", None),
        ],
    },
    {
        "id": "reuters-red-sea-missile",
        "lines": [
            "DUBAI, Jan 12 (Reuters) - Yemen's Houthis said on Sunday they had fired a hypersonic missile at a U.S. aircraft carrier in the northern Red Sea, a claim the Pentagon rejected.",
            "“No U.S. ship was hit and no U.S. personnel were injured,” a Pentagon spokesperson said.",
            "Saudi state media said two tankers had changed course after receiving warnings from the group.",
            "Reuters could not independently verify the Houthi claim.",
        ],
        "claims": [
            (
                "fired a hypersonic missile",
                "Houthis",
                None,
                [],
                "claim",
                None,
                "Reuters could not independently verify the Houthi claim",
            ),
            ("a claim the Pentagon rejected", "Pentagon", None, [], "denial", "fired a hypersonic missile", None),
            ("No U.S. ship was hit", "a Pentagon spokesperson", None, [], "denial", "fired a hypersonic missile", None),
            ("two tankers", "Saudi state media", None, [], "claim", None, None),
        ],
    },
    {
        "id": "guardian-masts-op-ed",
        "lines": [
            "The culture secretary, Rosa Lind, wrote in the Daily Telegraph that mobile phone masts “contribute to sleep disorders”, a claim sleep scientists said was not supported by evidence.",
            "The Royal College of Physicians said there was no evidence that phone masts caused sleep disorders.",
            "Lind's department later said the minister stood by her remarks.",
        ],
        "claims": [
            ("contribute to sleep disorders", "Rosa Lind", None, [], "claim", None, None),
            (
                "a claim sleep scientists said",
                "sleep scientists",
                None,
                [],
                "denial",
                "contribute to sleep disorders",
                None,
            ),
            (
                "no evidence that phone masts",
                "Royal College of Physicians",
                None,
                [],
                "denial",
                "contribute to sleep disorders",
                None,
            ),
            ("stood by her remarks", "Lind's department", None, [], "claim", None, None),
        ],
    },
    {
        "id": "npr-carmaker-plant",
        "lines": [
            "Harlow Motors has insisted its plant in Kent will stay open, dismissing a Sunday Times report that the carmaker planned to shut it by 2027.",
            "The Sunday Times said executives had discussed moving production of the plant's two models to Slovakia.",
            "Unite, the union, said workers had been told nothing about the plans.",
        ],
        "claims": [
            ("the carmaker planned to shut it", "Sunday Times", None, [], "claim", None, None),
            ("has insisted its plant", "Harlow Motors", None, [], "denial", "the carmaker planned to shut it", None),
            ("moving production", "Sunday Times", None, [], "claim", None, None),
            ("told nothing", "Unite", None, [], "claim", None, None),
        ],
    },
    {
        "id": "aljazeera-minister-contract",
        "lines": [
            "Opposition lawmakers said Transport Minister Petra Novak had personally signed off on a 400-million-euro contract with a consortium linked to her former business partner.",
            "Novak rejected calls to resign on Monday, telling reporters she had never approved the contract.",
            "The consortium said in a statement that the tender had followed European Union rules.",
        ],
        "claims": [
            ("personally signed off", "Opposition lawmakers", None, [], "claim", None, None),
            ("rejected calls to resign", "Petra Novak", None, [], "denial", "personally signed off", None),
            ("tender had followed", "The consortium", None, [], "claim", None, None),
        ],
    },
    {
        "id": "ap-heatwave-cases",
        "lines": [
            "PHOENIX (AP) — The state health department said Friday that 1,240 people had been treated for heat-related illness during the week.",
            "That figure was disputed by the state nurses' association, which said hospitals had recorded more than 2,000 cases.",
            "The governor's office said cooling centers would stay open through the weekend.",
        ],
        "claims": [
            ("1,240 people", "state health department", None, [], "claim", None, None),
            ("state nurses' association", "state nurses' association", None, [], "denial", "1,240 people", None),
            ("cooling centers", "The governor's office", None, [], "claim", None, None),
        ],
    },
    {
        "id": "bbc-counsellors-unlinked",
        "lines": [
            "The largest teachers' union has rejected the education secretary's claim that 95% of schools now have a full-time counsellor.",
            "Education Secretary Mark Ellis said on Tuesday that 500 new school buildings would open by 2028.",
            "The union said its own survey had found that fewer than half of schools employed one.",
        ],
        "claims": [
            ("rejected the education secretary's claim", "teachers' union", None, [], "denial", None, None),
            ("500 new school buildings", "Mark Ellis", None, [], "claim", None, None),
            ("its own survey", "The union", None, [], "claim", None, None),
        ],
    },
    {
        "id": "b-kenya-protest",
        "lines": [
            "NAIROBI (Reuters) - Police shot dead at least seven protesters in Nairobi on Tuesday, the Kenya National Commission on Human Rights said.",
            "Police spokesperson Muchiri Nyaga said officers had used only tear gas and water cannon to disperse the crowds.",
            "Two witnesses told Reuters they had seen officers firing live rounds at demonstrators outside parliament.",
            "Reuters could not independently verify the witnesses' accounts.",
            "Interior Minister Kipchumba Murkomen said 61 officers had been injured in the clashes.",
        ],
        "claims": [
            ("shot dead at least seven", "Kenya National Commission on Human Rights", None, [], "claim", None, None),
            ("only tear gas", "Muchiri Nyaga", None, [], "counter_claim", "shot dead at least seven", None),
            (
                "firing live rounds",
                "Two witnesses",
                None,
                ["Reuters"],
                "counter_claim",
                "only tear gas",
                "Reuters could not independently verify the witnesses' accounts",
            ),
            ("61 officers", "Kipchumba Murkomen", None, [], "claim", None, None),
        ],
    },
    {
        "id": "b-airline-data",
        "lines": [
            "Budget airline SkyLark denied on Wednesday a report by the Handelsblatt newspaper that it was preparing to cancel 40% of its winter flights from Berlin.",
            "“There are no plans to reduce our Berlin schedule,” a SkyLark spokesperson said.",
            "The Berlin airport operator said it had not been informed of any cuts.",
            "Pilots' union VC said the airline had told crew in an internal memo that several routes would be suspended.",
        ],
        "claims": [
            ("it was preparing to cancel 40%", "Handelsblatt", None, [], "claim", None, None),
            ("denied on Wednesday a report", "SkyLark", None, [], "denial", "it was preparing to cancel 40%", None),
            (
                "no plans to reduce",
                "a SkyLark spokesperson",
                None,
                [],
                "denial",
                "it was preparing to cancel 40%",
                None,
            ),
            ("not been informed", "The Berlin airport operator", None, [], "claim", None, None),
            ("internal memo", "VC", None, [], "claim", None, None),
        ],
    },
    {
        "id": "b-minister-expenses",
        "lines": [
            "The Guardian has reported that the housing minister, Tom Reddy, claimed £18,000 in expenses for a flat owned by his brother.",
            "Reddy said on Monday that the arrangement had been approved by the parliamentary standards authority.",
            "The authority said it had no record of any such approval.",
            "Labour called for an investigation.",
        ],
        "claims": [
            ("claimed £18,000", "The Guardian", None, [], "claim", None, None),
            ("approved by the parliamentary", "Tom Reddy", None, [], "counter_claim", "claimed £18,000", None),
            (
                "no record of any such approval",
                "The authority",
                None,
                [],
                "denial",
                "approved by the parliamentary",
                None,
            ),
        ],
    },
    {
        "id": "b-sudan-camp",
        "lines": [
            "The Rapid Support Forces said on Saturday they had captured the Zamzam displacement camp from army-allied fighters.",
            "The Sudanese army said its forces had repelled the attack and remained in control of the area.",
            "Aid group Medecins Sans Frontieres said at least 30 people had been killed in shelling of the camp.",
            "The accounts could not be independently verified.",
        ],
        "claims": [
            (
                "captured the Zamzam",
                "Rapid Support Forces",
                None,
                [],
                "claim",
                None,
                "The accounts could not be independently verified",
            ),
            (
                "repelled the attack",
                "Sudanese army",
                None,
                [],
                "counter_claim",
                "captured the Zamzam",
                "The accounts could not be independently verified",
            ),
            (
                "at least 30 people",
                "Medecins Sans Frontieres",
                None,
                [],
                "claim",
                None,
                "The accounts could not be independently verified",
            ),
        ],
    },
    {
        "id": "b-pharma-trial",
        "lines": [
            "A whistleblower told CNN that drugmaker Altrix had hidden data showing liver damage in a trial of its arthritis pill.",
            "Altrix said the allegation was “completely false” and that all trial results had been shared with regulators.",
            "The European Medicines Agency said it was reviewing the information.",
            "CNN has not been able to verify the whistleblower's claims.",
        ],
        "claims": [
            (
                "hidden data",
                "A whistleblower",
                None,
                ["CNN"],
                "claim",
                None,
                "CNN has not been able to verify the whistleblower's claims",
            ),
            ("completely false", "Altrix", None, [], "denial", "hidden data", None),
            ("reviewing the information", "The European Medicines Agency", None, [], "claim", None, None),
        ],
    },
    {
        "id": "c-mine-collapse",
        "lines": [
            "JOHANNESBURG (AP) — At least 14 illegal miners died after a shaft collapsed at a disused gold mine near Stilfontein, a community leader said Friday.",
            "Police said officers had recovered nine bodies and that there was no evidence more miners were trapped underground.",
            "The community group Mining Affected Communities United in Action said hundreds of men were still below ground without food.",
            "The AP could not independently confirm the group's figures.",
        ],
        "claims": [
            ("At least 14 illegal miners", "a community leader", None, [], "claim", None, None),
            ("recovered nine bodies", "Police", None, [], "counter_claim", "At least 14 illegal miners", None),
            (
                "hundreds of men",
                "Mining Affected Communities United in Action",
                None,
                [],
                "counter_claim",
                "recovered nine bodies",
                "The AP could not independently confirm the group's figures",
            ),
        ],
    },
    {
        "id": "c-telecom-outage",
        "lines": [
            "Telecom operator Norvia said on Monday that a software fault, not a cyberattack, had caused the nationwide outage that cut mobile service for 11 hours.",
            "The Danish newspaper Berlingske reported that investigators were examining whether hackers had gained access to the network.",
            "“We have seen no sign of any intrusion,” Norvia's chief technology officer, Lars Holm, told reporters.",
            "The Danish Security and Intelligence Service declined to comment.",
        ],
        "claims": [
            ("software fault", "Norvia", None, [], "claim", None, None),
            ("examining whether hackers", "Berlingske", None, [], "claim", None, None),
            ("no sign of any intrusion", "Lars Holm", "Norvia", [], "denial", "examining whether hackers", None),
        ],
    },
    {
        "id": "c-football-fees",
        "lines": [
            "The Premier League has rejected a claim by the Football Supporters' Association that ticket prices rose by 25% last season.",
            "League chief executive Richard Masters said average ticket prices had risen by 4%, in line with inflation.",
            "The association said its figures came from a survey of 9,000 season-ticket holders.",
            "Masters did not provide data to support his figure.",
        ],
        "claims": [
            ("rejected a claim by the Football Supporters", "Premier League", None, [], "denial", None, None),
            (
                "risen by 4%",
                "Richard Masters",
                None,
                [],
                "claim",
                None,
                "Masters did not provide data to support his figure",
            ),
            ("survey of 9,000", "The association", None, [], "claim", None, None),
        ],
    },
    {
        "id": "c-border-clash",
        "lines": [
            "India's army said on Sunday that Pakistani troops had fired on its posts along the Line of Control, wounding two soldiers.",
            "Pakistan's military denied the accusation, saying Indian forces had opened fire first.",
            "Villagers on the Indian side said shelling had damaged at least six homes.",
            "Neither side's account could be independently verified.",
        ],
        "claims": [
            (
                "Pakistani troops had fired",
                "India's army",
                None,
                [],
                "claim",
                None,
                "Neither side's account could be independently verified",
            ),
            (
                "denied the accusation",
                "Pakistan's military",
                None,
                [],
                "denial",
                "Pakistani troops had fired",
                "Neither side's account could be independently verified",
            ),
            (
                "damaged at least six homes",
                "Villagers",
                None,
                [],
                "claim",
                None,
                "Neither side's account could be independently verified",
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
