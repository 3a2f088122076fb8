"""Text normalisation for claim matching: tweets, wire sentences and fact-check titles alike.

Social posts carry noise a fact-check never contains (links, handles, glued hashtags, the
"— Name (@handle) January 6, 2020" signature of an embedded tweet). Stripping that noise and
splitting "#FreeIran2020" into words lets a lexical index and an embedding model see the claim.
"""

from __future__ import annotations

import re
import unicodedata

# An embedded tweet ends with "— Display Name (@handle) Month D, YYYY"; the date says when it was
# posted, never what it claims, and the handle repeats the name.
_SIGNATURE = re.compile(
    r"[\u2014\u2013]\s*(?P<name>[^\u2014\u2013()]{0,80}?)\s*\(@\w+\)\s*"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})?\s*$"
)
# pic.twitter.com and t.co links are often glued to the word before them ("#Minecrafthttps://...").
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
_HANDLE = re.compile(r"@(\w+)")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been before
    being below between both but by can could couldn't did didn't do does doesn't doing don't down
    during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her
    here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's
    its itself let's me more most mustn't my myself no nor not of off on once only or other ought our
    ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than
    that that's the their theirs them themselves then there there's these they they'd they'll they're
    they've this those through to too under until up very was wasn't we we'd we'll we're we've were
    weren't what what's when when's where where's which while who who's whom why why's with won't
    would wouldn't you you'd you'll you're you've your yours yourself yourselves just also via amp rt
    s t will""".split()
)


def split_compound(word: str) -> str:
    """'FreeIran2020' -> 'Free Iran 2020'; 'realDonaldTrump' -> 'real Donald Trump'."""
    return _CAMEL.sub(" ", word.replace("_", " "))


def strip_signature(text: str) -> str:
    """Drop the trailing '— Name (@handle) date' of an embedded tweet, keeping the name."""
    match = _SIGNATURE.search(text)
    if not match:
        return text
    return f"{text[: match.start()].rstrip()} {match.group('name')}".strip()


def normalise_post(text: str) -> str:
    """Readable text of a post or sentence: no links, signature folded, handles and hashtags as words."""
    text = unicodedata.normalize("NFKC", text)
    text = strip_signature(text)
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(lambda m: split_compound(m.group(1)), text)
    text = _HASHTAG.sub(lambda m: " " + split_compound(m.group(1)), text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


def fold(text: str) -> str:
    """Lower case without accents."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """A light suffix stripper: plurals and the commonest verb endings, enough to meet 'denies'/'denied'."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith(("ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word.endswith("ing") and len(word) >= 6:
        word = word[:-3]
    elif word.endswith("ed") and len(word) >= 5:
        word = word[:-2]
    # 'stopped' -> 'stopp' -> 'stop'; 'rate' and 'rated' both end as 'rat'.
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def content_terms(text: str, *, stemmed: bool = True) -> list[str]:
    """Index terms of a text: folded, tokenised, stopwords dropped, optionally stemmed."""
    terms = []
    for token in _TOKEN.findall(fold(text)):
        token = token.removesuffix("'s")
        if token in STOPWORDS or len(token) < 2:
            continue
        terms.append(stem(token) if stemmed else token)
    return terms
