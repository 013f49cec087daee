"""Bad input is refused whole with its file, line and field; damaged files are handled."""

from __future__ import annotations

from pathlib import Path

import pytest

import policyline as pl
from policyline import errors
from tests.bad_input import BAD_LINES, line
from tests.store_backends import KINDS, new_store


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> object:
    """A store of each kind holding one event."""
    with new_store(str(request.param), tmp_path) as opened:
        opened.append_lines([line()])
        yield opened


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_bad_line_rejects_the_batch_naming_file_line_and_field(store: pl.Store, case: str) -> None:
    """A batch with one bad line among good ones is refused whole; the error names the
    file, line and field; what was stored before is unchanged."""
    text, path, message = BAD_LINES[case]
    before = list(store.read())
    with pytest.raises(pl.DecodeError) as error:
        store.append_lines([line(id="fine"), "", text], file="import.jsonl")
    (problem,) = error.value.problems
    assert (problem.file, problem.line, problem.path) == ("import.jsonl", 3, path)
    assert message in problem.message
    assert f"import.jsonl:3: {path}" in str(error.value)
    assert list(store.read()) == before


def test_every_bad_line_is_listed(store: pl.Store) -> None:
    """All problems of a batch are reported together, not only the first."""
    lines = [text for text, _, _ in BAD_LINES.values()]
    with pytest.raises(pl.DecodeError) as error:
        store.append_lines(lines)
    assert [p.line for p in error.value.problems] == list(range(1, len(lines) + 1))


def test_duplicate_id_with_other_content_is_refused(store: pl.Store) -> None:
    """A line reusing a stored id with different content raises DecodeError naming
    the file and line it was read from."""
    with pytest.raises(pl.DecodeError, match=r"new\.jsonl:2: \$\.id"):
        store.append_lines(["", line(note="different")], file="new.jsonl")
    assert store.version == 1


def test_retraction_of_a_missing_event_is_refused(store: pl.Store) -> None:
    """A retraction pointing at no stored or batched event raises DecodeError."""
    retraction = line(id="r", type="Retracted", payload={"target": "ghost", "reason": "x"})
    with pytest.raises(pl.DecodeError, match=r"\$\.payload\.target.*'ghost'"):
        store.append_lines([retraction])
    assert store.version == 1


def write(path: Path, data: bytes) -> Path:
    """Write bytes to a file and return its path."""
    path.write_bytes(data)
    return path


def test_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    """A JSON Lines file with bytes that are not UTF-8 fails to open, naming the line."""
    path = write(tmp_path / "bad.jsonl", f"{line()}\n".encode() + b"\xff\xfe oops\n")
    with pytest.raises(pl.DecodeError, match=r"bad\.jsonl:2: \$: not UTF-8"):
        pl.open(path)


def test_malformed_line_inside_a_file_names_file_and_line(tmp_path: Path) -> None:
    """A bad line that is not the last is an error (not a torn write), naming file:line."""
    data = f"{line(id='a')}\n{{oops\n{line(id='b')}\n".encode()
    path = write(tmp_path / "bad.jsonl", data)
    with pytest.raises(pl.DecodeError, match=r"bad\.jsonl:2: \$: malformed JSON"):
        pl.open(path)


def test_a_cut_last_line_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    """A last line cut short by something other than policyline (no journal proves it was
    an interrupted append) is an error naming its line; nothing is removed, and an append
    refuses to write over it."""
    data = f"{line(id='a')}\n{line(id='b')}\n{line(id='c')}\n".encode()
    path = write(tmp_path / "cut.jsonl", data[: len(data) - 30])
    before = path.read_bytes()
    with pytest.raises(pl.DecodeError, match=r"cut\.jsonl:3: \$: "):
        pl.open(path)
    with pytest.raises(pl.DecodeError, match=r"cut\.jsonl:3"):
        pl.copy(path, tmp_path / "x.jsonl")
    assert path.read_bytes() == before


def test_a_hand_edited_last_line_is_never_deleted(tmp_path: Path) -> None:
    """A typo in a last line without its newline is refused with its location; the next
    append does not remove the user's text."""
    path = write(tmp_path / "hand.jsonl", f'{line(id="a")}\n{{"id": "b",'.encode())
    before = path.read_bytes()
    with pytest.raises(pl.DecodeError, match=r"hand\.jsonl:2"), pl.open(path) as store:
        store.append_lines([line(id="c")])
    assert path.read_bytes() == before


def test_valid_last_line_without_newline_is_not_torn(tmp_path: Path) -> None:
    """A hand-written file whose last line lacks its newline loads whole, and appends
    start on a line of their own."""
    path = write(tmp_path / "hand.jsonl", f"{line(id='a')}\n{line(id='b')}".encode())
    with pl.open(path) as store:
        assert store.version == 2
        store.append_lines([line(id="c")])
    assert path.read_text(encoding="utf-8").splitlines() == [line(id=i) for i in "abc"]


def test_leftover_journal_rolls_back_an_unfinished_batch(tmp_path: Path) -> None:
    """After a writer died mid-batch (journal left behind), opening cuts the file back to
    where the batch began: none of its lines, complete or not, are read."""
    path = write(tmp_path / "crash.jsonl", f"{line(id='a')}\n".encode())
    size = path.stat().st_size
    (tmp_path / "crash.jsonl.pending").write_text(f"{size}\n", encoding="ascii")
    with path.open("ab") as handle:
        handle.write(f"{line(id='half-1')}\n{line(id='half-2')}"[:-9].encode())
    with pl.open(path) as store:
        assert [e.id for e in store.read()] == ["a"]
    assert path.stat().st_size == size
    assert not (tmp_path / "crash.jsonl.pending").exists()


def test_conflict_between_files_names_both(tmp_path: Path) -> None:
    """Two files holding different events with one id: the error names both places."""
    write(tmp_path / "1.jsonl", f"{line()}\n".encode())
    write(tmp_path / "2.jsonl", f"{line(id='x')}\n{line(note='other')}\n".encode())
    with pytest.raises(pl.DecodeError, match=r"2\.jsonl:2: \$\.id: .*1\.jsonl:1"):
        pl.open(tmp_path)


def test_dangling_reference_in_a_file_names_file_line_and_field(tmp_path: Path) -> None:
    """A file whose retraction points at no event fails to open, naming line and field."""
    retraction = line(id="r", type="Retracted", payload={"target": "ghost", "reason": "x"})
    write(tmp_path / "d.jsonl", f"{line()}\n{retraction}\n".encode())
    with pytest.raises(pl.DecodeError, match=r"d\.jsonl:2: \$\.payload\.target"):
        pl.open(tmp_path / "d.jsonl")


def test_directory_store_reads_every_file_and_appends_to_one(tmp_path: Path) -> None:
    """A directory store reads its *.jsonl files in sorted order and appends to
    appended.jsonl, leaving the other files as they were."""
    corpus = write(tmp_path / "000_corpus.jsonl", f"{line(id='a')}\n{line(id='b')}\n".encode())
    before = corpus.read_bytes()
    with pl.open(tmp_path) as store:
        assert store.append_lines([line(id="c")]) == 3
        assert [e.id for e in store.read()] == ["a", "b", "c"]
    assert corpus.read_bytes() == before
    assert (tmp_path / "appended.jsonl").read_text(encoding="utf-8") == f"{line(id='c')}\n"


def test_the_corpus_opens_as_a_store() -> None:
    """The committed events/ directory opens as a JSON Lines store equal to load()."""
    root = Path(__file__).parent.parent / "events"
    with pl.open(root) as store:
        assert pl.load(store).events == pl.load(root).events


def test_unknown_url_forms_are_refused(tmp_path: Path) -> None:
    """open() names the forms it knows when given one it does not."""
    with pytest.raises(errors.StoreError, match="unknown kind of store"):
        pl.open("mysql://db")
    with pytest.raises(errors.StoreError, match="sqlite:///"):
        pl.open(str(tmp_path / "events.db"))
    with pytest.raises(errors.StoreError, match="three slashes"):
        pl.open("sqlite://relative.db")
