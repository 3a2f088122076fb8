from claims.matching.text import content_terms, normalise_post, split_compound, stem


def test_tweet_signature_keeps_the_name_and_drops_handle_and_date():
    text = "Alabama will NOT see any impacts. — NWS Birmingham (@NWSBirmingham) September 1, 2019"
    assert normalise_post(text) == "Alabama will NOT see any impacts. NWS Birmingham"


def test_links_glued_to_hashtags_are_removed_and_hashtags_split():
    text = "Minecraft is NOT stopping #Minecrafthttps://t.co/V4Lzv97qOc and #FreeIran2020pic.twitter.com/uB3"
    assert normalise_post(text) == "Minecraft is NOT stopping Minecraft and Free Iran 2020"


def test_handles_become_words():
    assert normalise_post("Ask @LindseyGrahamSC now") == "Ask Lindsey Graham SC now"
    assert split_compound("realDonaldTrump") == "real Donald Trump"


def test_stemming_meets_inflections_of_one_word():
    assert stem("denies") == stem("denied") == stem("deny")
    assert stem("rates") == stem("rated") == stem("rate")
    assert stem("claims") == "claim"
    assert stem("bus") == "bus"


def test_content_terms_drop_stopwords_and_possessives():
    assert content_terms("The Kremlin's claim was not true", stemmed=False) == ["kremlin", "claim", "true"]
