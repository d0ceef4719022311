"""Page furniture (`factcheck.load.chrome`): what a web page writes around every story."""

from factcheck.load.chrome import chrome_spans


def furniture(text: str) -> list[str]:
    return [text[start:end].strip() for start, end in chrome_spans(text)]


def test_a_consent_banner_is_furniture_and_the_story_is_not():
    text = (
        "The river rose four metres overnight and the old bridge closed at dawn. "
        "We use cookies to improve your visit, see our privacy policy. "
        "Engineers will inspect the piers on Tuesday."
    )
    assert furniture(text) == ["We use cookies to improve your visit, see our privacy policy."]


def test_a_story_about_cookies_keeps_its_sentence():
    text = (
        "Browsers will block third-party cookies from next year, the company said. "
        "Advertisers have asked regulators to delay the change."
    )
    assert furniture(text) == []


def test_technology_news_is_not_furniture():
    text = (
        "Attackers lured users to a website and stole passwords from their browser. "
        "Subscribers of the mail service were told to change their email password."
    )
    assert furniture(text) == []


def test_a_short_line_needs_one_term():
    assert furniture("Fire at the port.\nAdvertisement\nTwo ships burned.") == ["Advertisement"]


def test_a_banner_runs_over_several_sentences():
    text = (
        "Der Hafen bleibt gesperrt. "
        "Wir verwenden Cookies auf unserer Website. "
        "Sie können Ihre Angaben jederzeit ändern. "
        "Details stehen in der Datenschutzerklärung. "
        "Die Fähre fährt ab Montag wieder."
    )
    # the middle sentence holds no term but sits inside the banner
    assert furniture(text) == [
        "Wir verwenden Cookies auf unserer Website.",
        "Sie können Ihre Angaben jederzeit ändern.",
        "Details stehen in der Datenschutzerklärung.",
    ]


def test_other_languages_and_scripts():
    assert furniture("El puerto cerró. Suscríbete a nuestro boletín semanal.") == [
        "Suscríbete a nuestro boletín semanal."
    ]
    assert furniture("港口关闭。点击订阅我们的新闻。") == ["点击订阅我们的新闻。"]
    assert furniture("Порт закрыт. Читайте также:") == ["Читайте также:"]
