"""French address blocks: at most 6 lines of at most 38 characters."""

from agir.notify.postal import (
    MAX_LINES,
    MAX_WIDTH,
    PostalAddress,
    address_block,
    parse_free_address,
)
from agir.notify.rules import postal_lines


def fits(lines: list[str]) -> bool:
    return len(lines) <= MAX_LINES and all(len(line) <= MAX_WIDTH for line in lines)


def test_a_tenants_block_follows_the_postal_order(household):
    lines = postal_lines(household.holder)
    assert lines[0] == household.holder.full_name
    assert lines[1].startswith("APPARTEMENT ")
    assert lines[-2].endswith("RUE DES ACACIAS")
    assert lines[-1] == "59000 LILLE"
    assert fits(lines)


def test_long_street_words_are_abbreviated_from_the_end():
    lines = address_block(
        PostalAddress(
            name="M. Karim Benali",
            street="12 boulevard du Maréchal de Lattre de Tassigny",
            postcode="59200",
            town="Tourcoing",
        )
    )
    assert lines[1] == "12 BD DU MAL DE LATTRE DE TASSIGNY"
    assert fits(lines)


def test_a_long_name_loses_civility_then_first_name_then_is_cut():
    lines = address_block(
        PostalAddress(
            name="Madame Marie-Christine Delacroix-Montmorency-Saint-Aubin",
            title="Madame",
            first_name="Marie-Christine",
            postcode="59000",
            town="Lille",
        )
    )
    assert lines[0] == "Mme M. Delacroix-Montmorency-Saint-Aub"
    assert fits(lines)


def test_line_breaks_in_a_name_cannot_add_a_line():
    lines = address_block(
        PostalAddress(name="Nadia\nBenali\r\n75001 PARIS", postcode="59000", town="Lille")
    )
    assert lines == ["Nadia Benali 75001 PARIS", "59000 LILLE"]


def test_spaces_of_any_kind_in_a_name_become_single_spaces():
    lines = address_block(
        PostalAddress(name="  Nadia   Benali\u00a0\u2009Ép. ", postcode="59000", town="Lille")
    )
    assert lines[0] == "Nadia Benali Ép."


def test_lines_two_to_six_are_capitals_without_accents_nor_punctuation():
    lines = address_block(
        PostalAddress(name="Léa", street="3, allée de l'Église", postcode="59000", town="Lillé")
    )
    assert lines[1:] == ["3 ALLEE DE L EGLISE", "59000 LILLE"]


def test_anything_fits_six_lines_of_38():
    for length in (10, 39, 80, 300):
        word = "x" * length
        lines = address_block(
            PostalAddress(
                name=word,
                inside=f"{word} {word}",
                outside=word,
                street=f"1 rue {word}",
                locality=word,
                postcode="59000",
                town=word,
            )
        )
        assert fits(lines)


def test_a_typed_address_is_split_into_its_lines():
    address = parse_free_address(
        "Mme Nadia Benali, Résidence des Tilleuls, 3 rue des Acacias, 59000 Lille"
    )
    assert address_block(address) == [
        "Mme Nadia Benali",
        "RESIDENCE DES TILLEULS",
        "3 RUE DES ACACIAS",
        "59000 LILLE",
    ]
