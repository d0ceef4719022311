from factcheck.audit.grouping import group_stories, signature
from factcheck.models import Fact


def entity(name: str, kind: str = "org") -> Fact:
    return Fact("entity", name, 0, len(name), value=name.lower(), entity_type=kind)


def number(value: float, unit: str | None = None) -> Fact:
    return Fact("number", str(value), 0, 1, value=value, unit=unit)


def date(iso: str) -> Fact:
    return Fact("date", iso, 0, 1, value=iso)


def test_signature_keeps_distinctive_tokens_only():
    sig = signature(
        [
            entity("Borneo Air"),
            entity("Rina Halim", "person"),
            entity("Jakarta", "place"),
            number(3.0),
            number(340.0),
            number(12.0, "%"),
            date("2026-03-12"),
            date("2026"),
        ]
    )
    assert sig == {"e:borneo air", "e:rina halim", "n:340", "n:12%", "d:2026-03-12"}


def test_articles_sharing_a_story_group_and_others_stay_alone():
    story_a = [
        entity("Borneo Air"),
        entity("Rina Halim", "person"),
        number(340.0),
        date("2026-03-12"),
    ]
    story_b = [entity("Lyon Metro"), entity("Paul Vidal", "person"), number(12.0, "%")]
    retelling_a = [entity("Borneo Air"), entity("Rina Halim", "person"), number(430.0)]
    unrelated = [entity("Borneo Air"), entity("Otto Klein", "person"), number(7.0, "%")]
    groups = group_stories([signature(f) for f in (story_a, story_b, retelling_a, unrelated)])
    assert groups == [[0, 2], [1], [3]]


def test_one_shared_name_is_not_enough():
    a = [entity("Borneo Air"), entity("Rina Halim", "person"), number(340.0)]
    b = [entity("Borneo Air"), entity("Otto Klein", "person"), number(55.0)]
    assert group_stories([signature(a), signature(b)]) == [[0], [1]]


def test_tokens_in_a_large_share_of_the_folder_propose_no_pair():
    # 200 articles all naming the same two agencies but otherwise unrelated
    articles = [
        signature([entity("Reuters"), entity("AFP"), entity(f"Person {i}", "person")])
        for i in range(200)
    ]
    groups = group_stories(articles)
    assert len(groups) == 200
