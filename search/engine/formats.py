"""The posting value of a positional field: varints, no pickle.

Whoosh's Positions format pickles a list for every posting. PackedPositions keeps
its interface (encode / decode_positions / decode_frequency), so Whoosh's own
matchers, phrase queries and highlighting work unchanged, with a value that is
the frequency then the position deltas as varints (varint.py). The codec does
not store these values: it stores the positions of a whole term as arrays
(codec.py) and builds a value only when a Whoosh matcher asks for one."""
import numpy as np
from whoosh import formats

from . import varint


class PackedPositions(formats.Positions):
    """`pairs_only`: only terms of two or more characters keep their positions.
    On the grams field a phrase is always its character pairs (analysis.phrase_grams),
    and a one-character query is a plain term, so single characters need none."""

    def __init__(self, field_boost=1.0, pairs_only=False, **options):
        super().__init__(field_boost=field_boost, **options)
        self.pairs_only = pairs_only

    def keeps_positions(self, tbytes: bytes) -> bool:
        return not self.pairs_only or len(tbytes.decode("utf-8")) > 1

    def keeps_positions_of(self, keys: list[bytes]) -> np.ndarray:
        """`keeps_positions` of many terms at once: characters are the UTF-8 bytes that
        do not continue one (10xxxxxx), counted for all terms with numpy."""
        if not self.pairs_only:
            return np.ones(len(keys), dtype=bool)
        lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
        raw = np.frombuffer(b"".join(keys), dtype=np.uint8)
        chars = np.zeros(len(raw) + 1, dtype=np.int64)
        np.cumsum((raw & 0xC0) != 0x80, out=chars[1:])
        ends = np.cumsum(lengths)
        return chars[ends] - chars[ends - lengths] > 1

    def encode(self, poslist):
        positions = list(poslist)
        deltas = [b - a for a, b in zip([0] + positions, positions)]
        return varint.encode([len(positions)] + deltas)

    def encode_frequency(self, freq: int) -> bytes:
        """The value of a posting whose positions are not kept."""
        return varint.encode([freq])

    def decode_positions(self, valuestring):
        values = varint.decode(valuestring)
        return values[1:].cumsum().tolist()

    def decode_frequency(self, valuestring):
        return int(varint.decode(valuestring)[0])

    def decode_weight(self, valuestring):
        return self.decode_frequency(valuestring) * self.field_boost
