"""The Whoosh fields of the archive's schema: analysed text whose postings come
straight from our analyzer (search/analysis.py), and list fields Whoosh can group on."""
import functools

from whoosh import columns, fields, formats

from . import analysis


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
    """TEXT whose postings come straight from our analyzer's token stream."""

    def index(self, value, **kwargs):
        if not isinstance(self.analyzer, analysis.StreamTokenizer):
            yield from super().index(value, **kwargs)
            return
        encode, single = self.format.encode, _single_position
        boost = self.format.field_boost  # a word's weight in BM25F (search/weighting.py), as Whoosh's formats apply it
        for text, positions in analysis.postings(self.analyzer, value, kwargs.get("mode", "index")).items():
            freq = len(positions)
            yield text.encode("utf-8"), freq, freq * boost, single(positions[0]) if freq == 1 else encode(positions)


@functools.lru_cache(maxsize=65536)
def _single_position(position: int) -> bytes:
    # Most postings hold one position; Positions.encode pickles a list for each.
    return formats.Positions().encode([position])


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
