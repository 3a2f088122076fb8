import pytest


@pytest.fixture(autouse=True)
def lexical_matching(settings):
    """Matching tests run on the lexical path unless a test asks for the sentence encoder."""
    settings.CLAIMTRACK_MATCH_EMBEDDINGS = False
    settings.CLAIMTRACK_MATCH_LINK_THRESHOLD = 0.6
    settings.CLAIMTRACK_MATCH_SUGGEST_THRESHOLD = 0.35
