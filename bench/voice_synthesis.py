"""How long a voice message takes to make: the spoken script said by espeak-ng, a WAV for the
officer and an 8 kHz copy for the telephone line. The budget is 2 s a message.

Run: `uv run python bench/voice_synthesis.py [messages]`. The time is also given as a ratio to
a fixed pure-Python baseline measured in the same run, so that runs on different machines
(or a machine busy with other work) can be compared.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agir.settings")

import django

django.setup()

from agir.notify import speech  # noqa: E402
from agir.notify.channels.voice import gateways, tts  # noqa: E402

BUDGET_SECONDS = 2.0
SCRIPT = (
    "Bonjour, ici Habitat Val-de-Lys. Ce message est pour Madame Nadia Benali.\n"
    "L'intervention prévue pour votre demande numéro {reference} est reportée.\n"
    "Elle aura lieu le jeudi 19 mars, le matin, à partir de 8 heures.\n"
    "La raison : l'entreprise attend une pièce.\n"
    "Nous vous prions de nous excuser. Pour toute question, appelez le {phone}. Au revoir."
)


def baseline() -> float:
    """A fixed CPU-bound workload: the machine's speed right now."""
    started = time.perf_counter()
    total = 0
    for number in range(3_000_000):
        total += number * number % 7
    return time.perf_counter() - started


def one_message(index: int) -> float:
    script = SCRIPT.format(
        reference=speech.digit_by_digit(f"2026-{index:06d}"),
        phone=speech.phone_in_pairs("03 20 00 00 00"),
    )
    started = time.perf_counter()
    pcm, rate = tts.speak(script)
    tts.wav(pcm, rate)
    tts.wav(tts.resample(pcm, rate, gateways.TELEPHONY_RATE), gateways.TELEPHONY_RATE)
    return time.perf_counter() - started


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    tts.speak("Bonjour.")  # load the library and the French voice once, as a worker does
    base = baseline()
    times = [one_message(i) for i in range(count)]
    base = (base + baseline()) / 2
    median, worst = statistics.median(times), max(times)
    print(f"voice messages: {count}")
    print(f"baseline (fixed pure-Python workload): {base:.3f} s")
    print(f"per message: median {median:.3f} s, worst {worst:.3f} s (budget {BUDGET_SECONDS} s)")
    print(f"ratio to baseline: median {median / base:.2f}, worst {worst / base:.2f}")
    ok = worst < BUDGET_SECONDS
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
