"""Progress bars for long commands, decided in one place: on stderr, only when the
command asks for them (not -v 0, not --json) and only when stderr is a terminal."""
import sys

from tqdm import tqdm


def progress(iterable, show: bool, **options):
    """`iterable`, with a bar when `show` and stderr is a terminal (tqdm's disable=None)."""
    return tqdm(iterable, file=sys.stderr, disable=None if show else True, **options)
