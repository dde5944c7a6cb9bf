import pytest

from newsgraph.ingest.metadata import detect_language, normalize_published, outlet_from_url


def test_detect_language_english_and_french():
    assert detect_language("Security forces detained more than 3,000 people on Friday.") == "en"
    french = "Les forces de sécurité ont arrêté plus de trois mille personnes vendredi soir."
    assert detect_language(french) == "fr"


def test_detect_language_refuses_to_guess_on_tiny_text():
    assert detect_language("OK 12") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-07", ("2022-01-07", "day")),
        ("2022-01-07T10:30:00+06:00", ("2022-01-07T10:30:00+06:00", "second")),
        ("Fri, 07 Jan 2022 10:30:00 GMT", ("2022-01-07T10:30:00+00:00", "second")),
        ("last friday", (None, None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_normalize_published(value, expected):
    assert normalize_published(value) == expected


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.reuters.com/world/asia/", "reuters.com"),
        ("https://news.bbc.co.uk/a", "bbc.co.uk"),
        ("http://www.example.com:8080/a", "example.com"),
        ("http://localhost/a", "localhost"),
        (None, None),
    ],
)
def test_outlet_from_url_is_the_registered_domain(url, outlet):
    assert outlet_from_url(url) == outlet
