"""The Whoosh fields of the archive's schema: analysed text whose postings come
straight from our analyzer (search/analysis.py), and list fields Whoosh can group on."""
import functools

from whoosh import columns, fields

from . import analysis
from .engine.formats import PackedPositions


class ListColumn(columns.VarBytesListColumn):
    # A segment with no value at all for the field has no column file, and whoosh
    # then asks the column for a default that VarBytesListColumn never sets: every
    # faceted search failed while such a segment existed (an edit of an article
    # without bylines; found by make bench-load).
    _default = ()


class FacetList(fields.KEYWORD):
    """A comma-separated list with a list column, so that Whoosh can group on it."""

    def __init__(self, **kwargs):
        super().__init__(commas=True, lowercase=False, **kwargs)
        self.column_type = ListColumn()

    def to_column_value(self, value):
        return [v.strip().encode("utf-8") for v in value.split(",") if v.strip()]


class AnalyzedText(fields.TEXT):
    """TEXT whose postings come straight from our analyzer's token stream, their
    positions packed as varints (search/engine/formats.py)."""

    def __init__(self, analyzer, field_boost=1.0, **kwargs):
        super().__init__(analyzer=analyzer, field_boost=field_boost, **kwargs)
        grams = getattr(analyzer, "stream", None) is analysis.GramAnalyzer().stream
        self.format = PackedPositions(field_boost=field_boost, pairs_only=grams)

    def index(self, value, **kwargs):
        if not isinstance(self.analyzer, analysis.StreamTokenizer):
            yield from super().index(value, **kwargs)
            return
        encode = self.format.encode
        single = _single_position if type(self.format) is PackedPositions else (lambda position: encode([position]))
        for tbytes, freq, weight, positions in self.index_positions(value, **kwargs):
            yield tbytes, freq, weight, single(positions[0]) if freq == 1 else encode(positions)

    def index_positions(self, value, **kwargs):
        """(term bytes, frequency, weight, positions): the postings before encoding,
        which the bulk writer hands to the codec as arrays (search/engine/bulkwriting.py)."""
        if not isinstance(self.analyzer, analysis.StreamTokenizer):
            decode = self.format.decode_positions
            yield from ((t, f, w, decode(v)) for t, f, w, v in super().index(value, **kwargs))
            return
        boost = self.format.field_boost  # a word's weight in BM25F (search/weighting.py), as Whoosh's formats apply it
        for text, positions in analysis.postings(self.analyzer, value, kwargs.get("mode", "index")).items():
            freq = len(positions)
            yield text.encode("utf-8"), freq, freq * boost, positions


@functools.lru_cache(maxsize=65536)
def _single_position(position: int) -> bytes:
    # Most postings hold one position: their values are shared.
    return PackedPositions().encode([position])


def schema_field(field_class):
    stored, boost = field_class.stored, field_class.boost
    if not field_class.indexed:
        return fields.STORED()
    if field_class.is_multivalued:
        return FacetList(stored=stored, scorable=True)
    if field_class.field_type in ("date", "datetime"):
        return fields.DATETIME(stored=stored, sortable=True)
    if field_class.field_type == "integer":
        return fields.NUMERIC(int, stored=stored, sortable=True)
    if field_class.analyzer is not None:
        return AnalyzedText(analyzer=field_class.analyzer, stored=stored, phrase=True, field_boost=boost)
    return fields.ID(stored=stored, sortable=True)
