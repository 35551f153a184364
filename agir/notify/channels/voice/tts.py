"""French text to speech, offline: libespeak-ng and its French data as shipped in the
`espeakng-loader` wheel, called through ctypes (nothing is downloaded at run time, no system
package is needed).

The library keeps global state and is not thread-safe: one lock serialises its use within a
process; each worker process initialises its own copy once.
"""

from __future__ import annotations

import ctypes
import io
import threading
import wave
from array import array
from functools import cache
from itertools import accumulate, pairwise

import espeakng_loader

AUDIO_OUTPUT_SYNCHRONOUS = 2
POS_CHARACTER = 1
ESPEAK_CHARS_UTF8 = 1
ESPEAK_RATE = 1
ESPEAK_PITCH = 3
VOICE = b"fr"
WORDS_PER_MINUTE = 150  # a little slower than the default 175: a phone line, older listeners

_lock = threading.Lock()
_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class EspeakVoice(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_char_p),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


class SpeechError(RuntimeError):
    pass


class _Engine:
    def __init__(self) -> None:
        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_GetCurrentVoice.restype = ctypes.POINTER(EspeakVoice)
        lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.c_int,
            ctypes.c_int,
        ]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        data = espeakng_loader.get_data_path().encode()
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0)
        if rate <= 0:
            raise SpeechError(f"espeak-ng did not start (data in {data!r})")
        if lib.espeak_SetVoiceByName(VOICE) != 0:
            raise SpeechError("espeak-ng has no French voice")
        lib.espeak_SetParameter(ESPEAK_RATE, WORDS_PER_MINUTE, 0)
        self.lib = lib
        self.sample_rate = rate
        self._chunks: list[bytes] = []
        # Kept on self: ctypes must not collect the callback while the library holds it.
        self._callback = _SynthCallback(self._collect)
        lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, samples, count, events) -> int:
        if samples and count > 0:
            self._chunks.append(ctypes.string_at(samples, count * 2))
        return 0  # 0: go on

    def synthesise(self, text: str) -> bytes:
        encoded = text.encode("utf-8")
        self._chunks = []
        error = self.lib.espeak_Synth(
            encoded, len(encoded) + 1, 0, POS_CHARACTER, 0, ESPEAK_CHARS_UTF8, None, None
        )
        if error != 0:
            raise SpeechError(f"espeak_Synth failed with code {error}")
        pcm, self._chunks = b"".join(self._chunks), []
        return pcm

    def language(self) -> str:
        voice = self.lib.espeak_GetCurrentVoice()
        # `languages` is a priority byte followed by the language name.
        return voice.contents.languages[1:].decode() if voice else ""

    def phonemes(self, text: str) -> str:
        pointer = ctypes.c_char_p(text.encode("utf-8"))
        out = []
        while pointer.value:
            chunk = self.lib.espeak_TextToPhonemes(ctypes.byref(pointer), ESPEAK_CHARS_UTF8, 2)
            if chunk:
                out.append(chunk.decode("utf-8", "replace"))
        return " ".join(out)


@cache
def _engine() -> _Engine:
    return _Engine()


def language() -> str:
    """The language of the voice in use ("fr")."""
    with _lock:
        return _engine().language()


def phonemes(text: str) -> str:
    """The phonemes (IPA) the engine would say for `text`."""
    with _lock:
        return _engine().phonemes(text)


def speak(text: str) -> tuple[bytes, int]:
    """16-bit mono PCM of `text` said in French, and its sample rate."""
    with _lock:
        engine = _engine()
        return engine.synthesise(text), engine.sample_rate


def wav(pcm: bytes, rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
    return buffer.getvalue()


def speak_wav(text: str) -> bytes:
    pcm, rate = speak(text)
    return wav(pcm, rate)


def resample(pcm: bytes, rate: int, target: int) -> bytes:
    """Downsample 16-bit mono PCM (to 8 kHz for telephony): each output sample is the mean of
    the input samples it covers, a box filter that keeps aliasing down without numpy. Prefix
    sums (itertools.accumulate, in C) keep it to one cheap step a sample."""
    source = array("h")
    source.frombytes(pcm)
    if rate <= target or not source:
        return pcm
    sums = [0, *accumulate(source)]
    count = int(len(source) * target / rate)
    bounds = [int(i * rate / target) for i in range(count + 1)]
    out = array(
        "h",
        [
            (sums[right] - sums[left]) // (right - left) if right > left else source[left]
            for left, right in pairwise(bounds)
        ],
    )
    return out.tobytes()
