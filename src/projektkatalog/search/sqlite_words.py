"""SQLite: the ids of a search from a word index, for the terms the trigram index is slow on.

The trigram index (sqlite.py) answers a term by intersecting the position lists of its
trigrams: a term that many projects hold ("projekt", in almost every project of a million)
takes a second, and one in a few percent of them half a second, however few words contain it.
Here a term is answered through the words that contain it:

- a word index (FTS5, unicode61, no positions), kept in step by triggers like the trigram one;
- the list of its words, taken now and then (`words_take`, after an import), with the projects
  of each word that has many, as a bitmap or an array: reading a million ids from FTS5 row by
  row costs ~0.2 s, from one stored bitmap a millisecond;
- a log of the projects written since (triggers), whose current text is checked in Python.

A term's projects are then: those of every listed word that contains it, less the projects
written since the list was taken, plus those of them whose text contains it now. The unwritten
projects have the words they had when the list was taken, so this is exactly the substring
match of the trigram index. Terms outside ASCII (the folded text is ASCII but for other
scripts), a catalogue without a word list, and one written in more places than a process keeps
in memory since it was taken, go to the trigram index as before.
"""

from __future__ import annotations

import dataclasses
import threading
import uuid

import numpy as np
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from numpy.typing import NDArray

Ids = NDArray[np.int64]

# Most projects written since the word list was taken that a process keeps the text of (about
# 1.2 kB each at 1M); beyond this a search goes to the trigram index until the list is retaken.
WRITTEN_MAX = 10_000
# A word of at least this many projects has them stored with the list: as a bitmap when that is
# no larger than the ids as 32-bit integers (one project in BITMAP_SPARSEST), else as those.
FREQUENT_MIN = 200
BITMAP_SPARSEST = 32
# Words named in one FTS5 query (a three-letter term is inside thousands of words).
QUERY_WORDS = 200

CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS catalogue_project_words USING fts5(search_text, "
    "content='catalogue_project', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0', detail='none')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS catalogue_project_words_vocab "
    "USING fts5vocab(catalogue_project_words, 'row')",
    # Each row of the log carries a random token: a process that read the log up to a row
    # knows it is still the same row (not one written again after a rollback or a restore, with
    # the same number and project) only by it.
    "CREATE TABLE IF NOT EXISTS catalogue_search_written ("
    "seq INTEGER PRIMARY KEY AUTOINCREMENT, project_id INTEGER NOT NULL, "
    "token BLOB NOT NULL DEFAULT (randomblob(8)))",
    "CREATE TABLE IF NOT EXISTS catalogue_search_wordlist ("
    "id INTEGER PRIMARY KEY CHECK (id = 1), taken TEXT NOT NULL, seq INTEGER NOT NULL, "
    "id_max INTEGER NOT NULL, words TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS catalogue_search_ids ("
    "word TEXT PRIMARY KEY, bitmap INTEGER NOT NULL, ids BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TRIGGER IF NOT EXISTS catalogue_project_words_ai AFTER INSERT ON catalogue_project "
    "BEGIN INSERT INTO catalogue_project_words(rowid, search_text) "
    "VALUES (new.id, new.search_text); "
    "INSERT INTO catalogue_search_written(project_id) VALUES (new.id); END",
    "CREATE TRIGGER IF NOT EXISTS catalogue_project_words_ad AFTER DELETE ON catalogue_project "
    "BEGIN INSERT INTO catalogue_project_words(catalogue_project_words, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO catalogue_search_written(project_id) VALUES (old.id); END",
    "CREATE TRIGGER IF NOT EXISTS catalogue_project_words_au "
    "AFTER UPDATE OF search_text ON catalogue_project "
    "BEGIN INSERT INTO catalogue_project_words(catalogue_project_words, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO catalogue_project_words(rowid, search_text) VALUES (new.id, new.search_text); "
    "INSERT INTO catalogue_search_written(project_id) VALUES (new.id); END",
    "INSERT INTO catalogue_project_words(catalogue_project_words) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS catalogue_project_words_ai",
    "DROP TRIGGER IF EXISTS catalogue_project_words_ad",
    "DROP TRIGGER IF EXISTS catalogue_project_words_au",
    "DROP TABLE IF EXISTS catalogue_search_ids",
    "DROP TABLE IF EXISTS catalogue_search_wordlist",
    "DROP TABLE IF EXISTS catalogue_search_written",
    "DROP TABLE IF EXISTS catalogue_project_words_vocab",
    "DROP TABLE IF EXISTS catalogue_project_words",
]


def _bitmap(projects: int, id_max: int) -> bool:
    return projects * BITMAP_SPARSEST >= id_max


def _ids_parse(text: str | None) -> Ids:
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.array(text.split(","), dtype=np.int64)


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def words_take(connection: BaseDatabaseWrapper | None = None) -> None:
    """Take the word list and the frequent words' ids afresh, and forget the log before it.

    Seconds at a million projects (reading the whole word index): for the end of an import or
    a migration, not for a request. A no-op on other databases."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite":
        return
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # Writing first takes the write lock: no write falls between the log's end read here
        # and the word list read after it.
        cursor.execute("DELETE FROM catalogue_search_ids")
        cursor.execute("SELECT coalesce(max(seq), 0) FROM catalogue_search_written")
        seq = int(cursor.fetchone()[0])
        cursor.execute("SELECT coalesce(max(id), 0) FROM catalogue_project")
        id_max = int(cursor.fetchone()[0])
        cursor.execute("SELECT term, doc FROM catalogue_project_words_vocab")
        listed = cursor.fetchall()
        for word, projects in listed:
            if projects < FREQUENT_MIN:
                continue
            cursor.execute(
                "SELECT group_concat(rowid) FROM catalogue_project_words "
                "WHERE catalogue_project_words MATCH %s",
                [_quoted(word)],
            )
            found = _ids_parse(cursor.fetchone()[0])
            if _bitmap(projects, id_max):
                bits = np.zeros(id_max + 1, dtype=bool)
                bits[found] = True
                stored = np.packbits(bits).tobytes()
            else:
                stored = found.astype("<u4").tobytes()
            cursor.execute(
                "INSERT INTO catalogue_search_ids(word, bitmap, ids) VALUES (%s, %s, %s)",
                [word, _bitmap(projects, id_max), stored],
            )
        cursor.execute(
            "INSERT OR REPLACE INTO catalogue_search_wordlist(id, taken, seq, id_max, words) "
            "VALUES (1, %s, %s, %s, %s)",
            [uuid.uuid4().hex, seq, id_max, "\n" + "\n".join(word for word, _ in listed) + "\n"],
        )
        cursor.execute("DELETE FROM catalogue_search_written WHERE seq <= %s", [seq])


@dataclasses.dataclass
class _WordList:
    """One process's copy of the word list, and the projects written since it was taken."""

    taken: str = ""  # which taking of the list (a restored database may repeat a seq)
    seq: int = -1  # the log's end when the list was taken
    id_max: int = 0
    words: str = ""  # "\n"-separated, with one before the first and after the last
    frequent: frozenset[str] = frozenset()  # the words whose ids are stored
    seen: int = -1  # how far the log has been read
    seen_token: bytes = b""  # the token of the log's row `seen` (when past `seq`)
    written: dict[int, str | None] = dataclasses.field(default_factory=dict)  # id -> text, or None
    written_ids: Ids = dataclasses.field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def containing(self, term: str) -> list[str]:
        """Return the listed words that contain `term` (letters and digits: no newline)."""
        found: list[str] = []
        at = self.words.find(term)
        while at >= 0:
            start = self.words.rfind("\n", 0, at) + 1
            end = self.words.find("\n", at)
            found.append(self.words[start:end])
            at = self.words.find(term, end)
        return found


_lock = threading.Lock()
_lists: dict[str, _WordList] = {}


def _word_list(cursor: CursorWrapper, alias: str) -> _WordList | None:
    """Return this process's word list brought up to the log's end (a copy: the process's own
    goes on being brought up to date by other threads), or None when there is no list or more
    projects have been written since it was taken than a process keeps."""
    cursor.execute("SELECT taken, seq, id_max FROM catalogue_search_wordlist WHERE id = 1")
    row = cursor.fetchone()
    if row is None:
        return None
    taken, seq, id_max = str(row[0]), int(row[1]), int(row[2])
    with _lock:
        listed = _lists.get(alias)
        if listed is not None and listed.taken == taken and listed.seen > listed.seq:
            # The log read so far must still be there: a database put back from a copy (or a
            # rolled-back transaction) can hold the same list with another log, whose rows
            # have the same numbers and even the same projects.
            cursor.execute(
                "SELECT token FROM catalogue_search_written WHERE seq = %s", [listed.seen]
            )
            still = cursor.fetchone()
            if still is None or bytes(still[0]) != listed.seen_token:
                listed = None
        if listed is None or listed.taken != taken:
            cursor.execute("SELECT words FROM catalogue_search_wordlist WHERE id = 1")
            words = cursor.fetchone()[0]
            cursor.execute("SELECT word FROM catalogue_search_ids")
            frequent = frozenset(w for (w,) in cursor.fetchall())
            listed = _lists[alias] = _WordList(taken, seq, id_max, words, frequent, seen=seq)
        cursor.execute(
            "SELECT count(*) FROM catalogue_search_written WHERE seq > %s", [listed.seen]
        )
        if len(listed.written) + int(cursor.fetchone()[0]) > WRITTEN_MAX:
            return None
        cursor.execute(
            "SELECT w.seq, w.project_id, w.token, p.search_text FROM catalogue_search_written AS w "
            "LEFT JOIN catalogue_project AS p ON p.id = w.project_id "
            "WHERE w.seq > %s ORDER BY w.seq",
            [listed.seen],
        )
        rows = cursor.fetchall()
        if rows:
            # New objects, never changed in place: a search in another thread may be reading
            # the ones it was given.
            written = dict(listed.written)
            for seen, project, token, text in rows:
                written[int(project)] = text
                listed.seen, listed.seen_token = int(seen), bytes(token)
            listed.written = written
            listed.written_ids = np.array(sorted(written), dtype=np.int64)
        return dataclasses.replace(listed)


def _grown(mask: NDArray[np.bool_], ids: Ids) -> NDArray[np.bool_]:
    """Return `mask`, longer if an id of `ids` is past its end (a project added since)."""
    end = int(np.max(ids)) + 1 if len(ids) else 0
    if end > len(mask):
        return np.concatenate([mask, np.zeros(end - len(mask), dtype=bool)])
    return mask


def _term_mask(cursor: CursorWrapper, listed: _WordList, term: str) -> NDArray[np.bool_]:
    """Return which ids hold `term`, as a mask over the ids (sorting or hashing a million ids
    costs more than all the rest of a search)."""
    words = listed.containing(term)
    frequent = [w for w in words if w in listed.frequent]
    others = [w for w in words if w not in listed.frequent]
    union = np.zeros((listed.id_max + 8) // 8, dtype=np.uint8)
    stored: list[Ids] = []
    for word in frequent:
        cursor.execute("SELECT bitmap, ids FROM catalogue_search_ids WHERE word = %s", [word])
        bitmap, blob = cursor.fetchone()
        if bitmap:
            union |= np.frombuffer(blob, dtype=np.uint8)
        else:
            stored.append(np.frombuffer(blob, dtype="<u4").astype(np.int64))
    mask = np.unpackbits(union).astype(bool)
    for found in stored:  # ids up to id_max: inside the mask
        mask[found] = True
    for start in range(0, len(others), QUERY_WORDS):
        cursor.execute(
            "SELECT group_concat(rowid) FROM catalogue_project_words "
            "WHERE catalogue_project_words MATCH %s",
            [" OR ".join(_quoted(w) for w in others[start : start + QUERY_WORDS])],
        )
        found = _ids_parse(cursor.fetchone()[0])
        mask = _grown(mask, found)
        mask[found] = True
    if listed.written:
        # The projects written since the list was taken: by their text as it is now.
        now = np.array(
            [pk for pk, text in listed.written.items() if text is not None and term in text],
            dtype=np.int64,
        )
        mask = _grown(_grown(mask, listed.written_ids), now)
        mask[listed.written_ids] = False
        mask[now] = True
    return mask


def ids(terms: list[str], using: str = DEFAULT_DB_ALIAS) -> Ids | None:
    """Return the sorted ids of every project (drafts too) whose text holds every term, or None
    when the word index cannot answer (the caller asks the trigram index)."""
    if not all(term.isascii() for term in terms):
        return None
    connection = connections[using]
    # One read transaction: the list, the log and the index seen at the same moment.
    with transaction.atomic(using=using), connection.cursor() as cursor:
        listed = _word_list(cursor, using)
        if listed is None:
            return None
        found: NDArray[np.bool_] | None = None
        for term in terms:
            matched = _term_mask(cursor, listed, term)
            if found is None:
                found = matched
            else:
                size = min(len(found), len(matched))
                found = found[:size] & matched[:size]
            if not found.any():
                break
    return np.flatnonzero(found).astype(np.int64) if found is not None else np.zeros(0, np.int64)
