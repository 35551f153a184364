"""Days and visit slots in words."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from agir.portal.dates import day_in_words, time_in_words, visit_in_words

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2026, 3, 10)


def at(day: int, hour: int, minute: int = 0, month: int = 3, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def test_it_says_the_weekday_day_and_month():
    assert day_in_words(date(2026, 3, 12), today=TODAY) == "jeudi 12 mars"


def test_it_says_premier_for_the_first_of_the_month():
    assert day_in_words(date(2026, 5, 1), today=TODAY) == "vendredi 1er mai"


def test_it_leaves_out_the_weekday_when_asked():
    assert day_in_words(date(2026, 3, 12), weekday=False, today=TODAY) == "12 mars"


def test_it_adds_the_year_when_it_is_not_this_year():
    assert day_in_words(date(2025, 12, 30), weekday=False, today=TODAY) == "30 décembre 2025"


def test_it_says_hours_the_french_way():
    assert time_in_words(at(12, 9)) == "9 h"
    assert time_in_words(at(12, 14, 30)) == "14 h 30"


def test_a_morning_visit_is_le_matin():
    assert visit_in_words(at(12, 8), at(12, 12), today=TODAY) == "jeudi 12 mars, le matin"


def test_an_afternoon_visit_is_l_apres_midi():
    assert visit_in_words(at(12, 14), at(12, 18), today=TODAY) == "jeudi 12 mars, l'après-midi"


def test_a_whole_day_visit_is_dans_la_journee():
    assert visit_in_words(at(12, 8), at(12, 17), today=TODAY) == "jeudi 12 mars, dans la journée"


def test_a_short_slot_gives_its_hours():
    assert (
        visit_in_words(at(12, 9), at(12, 10, 30), today=TODAY)
        == "jeudi 12 mars, entre 9 h et 10 h 30"
    )


def test_a_visit_over_two_days_gives_both_ends():
    assert (
        visit_in_words(at(12, 14), at(13, 12), today=TODAY)
        == "du jeudi 12 mars, 14 h, au vendredi 13 mars, 12 h"
    )


def test_times_are_read_in_the_landlords_time_zone():
    utc_morning = datetime(2026, 3, 12, 7, 0, tzinfo=ZoneInfo("UTC"))  # 8 h in Paris
    utc_noon = datetime(2026, 3, 12, 11, 0, tzinfo=ZoneInfo("UTC"))
    assert visit_in_words(utc_morning, utc_noon, today=TODAY) == "jeudi 12 mars, le matin"
