import Foundation
import GRDB
import PaperRadarCore

/// The versioned schema: one migration per released change, never edited after it ships.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-papers-and-digests") { db in
            // Papers are unique by arXiv id (no version); JSON arrays for list fields.
            try db.execute(
                sql: """
                    CREATE TABLE paper (
                        id TEXT PRIMARY KEY NOT NULL,
                        version INTEGER,
                        title TEXT NOT NULL,
                        authors TEXT NOT NULL,
                        abstract TEXT NOT NULL,
                        categories TEXT NOT NULL,
                        primary_category TEXT,
                        date TEXT,
                        code_url TEXT,
                        extras TEXT,
                        source TEXT NOT NULL,
                        first_seen_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    );
                    CREATE INDEX paper_date ON paper(date);
                    CREATE INDEX paper_primary_category ON paper(primary_category);

                    -- Every version seen of a paper, with when it was first seen.
                    CREATE TABLE paper_version (
                        paper_id TEXT NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
                        version INTEGER NOT NULL,
                        first_seen_at TEXT NOT NULL,
                        PRIMARY KEY (paper_id, version)
                    ) WITHOUT ROWID;

                    -- Every digest ingested, identified by the SHA-256 of its bytes.
                    CREATE TABLE digest (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        content_hash TEXT NOT NULL UNIQUE,
                        path TEXT NOT NULL,
                        format TEXT,
                        date TEXT,
                        byte_count INTEGER NOT NULL,
                        paper_count INTEGER NOT NULL,
                        new_count INTEGER NOT NULL,
                        updated_count INTEGER NOT NULL,
                        unchanged_count INTEGER NOT NULL,
                        warnings TEXT NOT NULL,
                        ingested_at TEXT NOT NULL
                    );

                    -- Which papers a digest mentioned, in its order, under which tags.
                    CREATE TABLE digest_paper (
                        digest_id INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE,
                        paper_id TEXT NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        tags TEXT NOT NULL,
                        PRIMARY KEY (digest_id, paper_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX digest_paper_paper ON digest_paper(paper_id);

                    -- Bulk imports of JSON Lines metadata.
                    CREATE TABLE import_run (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        path TEXT NOT NULL,
                        line_count INTEGER NOT NULL,
                        new_count INTEGER NOT NULL,
                        updated_count INTEGER NOT NULL,
                        unchanged_count INTEGER NOT NULL,
                        skipped_count INTEGER NOT NULL,
                        imported_at TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v2-models-and-vectors") { db in
            try db.execute(
                sql: """
                    -- Fitted models (TF-IDF, LSA, topics …), identified by the hash of their encoding.
                    CREATE TABLE model (
                        content_hash TEXT PRIMARY KEY NOT NULL,
                        kind TEXT NOT NULL,
                        parent_hash TEXT,
                        created_at TEXT NOT NULL,
                        paper_count INTEGER NOT NULL,
                        summary TEXT NOT NULL,
                        data BLOB NOT NULL
                    );
                    -- Which model of each kind is in use.
                    CREATE TABLE current_model (
                        kind TEXT PRIMARY KEY NOT NULL,
                        content_hash TEXT NOT NULL REFERENCES model(content_hash)
                    );
                    -- One vector per paper and model (a CSR row or a dense embedding, encoded by the caller).
                    CREATE TABLE paper_vector (
                        model_hash TEXT NOT NULL REFERENCES model(content_hash) ON DELETE CASCADE,
                        paper_id TEXT NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
                        data BLOB NOT NULL,
                        PRIMARY KEY (model_hash, paper_id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v3-topics") { db in
            try db.execute(
                sql: """
                    -- Each paper's topic under a topics model, with its cosine to the topic centroid and its
                    -- similarities to the named topics (Float32 little-endian, catalog order).
                    CREATE TABLE paper_topic (
                        model_hash TEXT NOT NULL REFERENCES model(content_hash) ON DELETE CASCADE,
                        paper_id TEXT NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
                        topic_id INTEGER NOT NULL,
                        similarity REAL NOT NULL,
                        named_similarities BLOB NOT NULL,
                        PRIMARY KEY (model_hash, paper_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX paper_topic_topic ON paper_topic(model_hash, topic_id);
                    -- What each refit did to each topic: appeared, grew, shrank, stable, vanished.
                    CREATE TABLE topic_event (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        model_hash TEXT NOT NULL,
                        topic_id INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        name TEXT,
                        previous_size INTEGER,
                        size INTEGER,
                        at TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v4-digest-paper-change") { db in
            // What each digest did to each paper (new / updated / unchanged), so reports can say which papers a
            // digest brought first. Rows from before v4 have NULL and are resolved by first-seen time.
            try db.execute(sql: "ALTER TABLE digest_paper ADD COLUMN change TEXT")
        }
        migrator.registerMigration("v5-daemon-journal") { db in
            // The watch daemon's journal (PaperStore+Journal.swift; the protocol is in Daemon/DigestJournal.swift).
            try db.execute(
                sql: """
                    -- One row per distinct digest (by content hash) the daemon turns into a report, with how far it got.
                    CREATE TABLE daemon_digest (
                        content_hash TEXT PRIMARY KEY NOT NULL,
                        file_name TEXT NOT NULL,
                        state TEXT NOT NULL,
                        digest_id INTEGER,
                        paper_count INTEGER NOT NULL DEFAULT 0,
                        new_count INTEGER NOT NULL DEFAULT 0,
                        report_base TEXT UNIQUE,
                        report_files TEXT NOT NULL DEFAULT '[]',
                        model_hash TEXT,
                        topics_hash TEXT,
                        moved_to TEXT UNIQUE,
                        received_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    );
                    -- Files whose bytes were reported before (under any name): moved aside without a new report.
                    CREATE TABLE daemon_duplicate (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        content_hash TEXT NOT NULL,
                        file_name TEXT NOT NULL,
                        moved_to TEXT NOT NULL UNIQUE,
                        moved INTEGER NOT NULL DEFAULT 0,
                        recorded_at TEXT NOT NULL
                    );
                    -- Files that could not become a report (parse error, limits): moved to failed/ beside an error file.
                    CREATE TABLE daemon_failure (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        content_hash TEXT,
                        file_name TEXT NOT NULL,
                        moved_to TEXT NOT NULL UNIQUE,
                        error TEXT NOT NULL,
                        moved INTEGER NOT NULL DEFAULT 0,
                        recorded_at TEXT NOT NULL
                    );
                    -- Files kept in the drop folder after a transient problem (disk full, permission denied).
                    CREATE TABLE daemon_retry (
                        file_name TEXT PRIMARY KEY NOT NULL,
                        error TEXT NOT NULL,
                        attempts INTEGER NOT NULL,
                        next_attempt_at TEXT NOT NULL
                    );
                    -- What the daemon watches and since when (drop folder, reports folder, formats, start time).
                    CREATE TABLE daemon_meta (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v6-vector-blocks") { db in
            // Texts are numbered (TextSequence.swift) and vectors are stored in blocks of rows (VectorBlock.swift)
            // instead of one row per paper and model: a 94k-paper space loads in a few large reads.
            try db.execute(
                sql: """
                    ALTER TABLE paper ADD COLUMN text_seq INTEGER NOT NULL DEFAULT 0;
                    UPDATE paper SET text_seq = rowid;
                    CREATE INDEX paper_text_seq ON paper(text_seq);

                    -- A block of vectors under one model: row i belongs to the i-th id; a later block's row for the
                    -- same paper replaces an earlier one. text_seq: every paper whose text_seq is at most this had
                    -- its current text when the block was computed.
                    CREATE TABLE vector_block (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        model_hash TEXT NOT NULL REFERENCES model(content_hash) ON DELETE CASCADE,
                        text_seq INTEGER NOT NULL,
                        row_count INTEGER NOT NULL,
                        width INTEGER NOT NULL,
                        ids BLOB NOT NULL,
                        offsets BLOB,
                        indices BLOB,
                        vals BLOB NOT NULL
                    );
                    CREATE INDEX vector_block_model ON vector_block(model_hash, id);
                    """)
            try VectorBlock.migrateRowVectors(in: db)
            try db.execute(sql: "DROP TABLE paper_vector")
        }
        migrator.registerMigration("v7-topic-blocks") { db in
            // Assignments as blocks, like vectors: one row per fit and per fold-in instead of one per paper (a fit's
            // 93,739 rows took over a second to write and their ids a tenth of the load time to read).
            try db.execute(
                sql: """
                    CREATE TABLE topic_block (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        model_hash TEXT NOT NULL REFERENCES model(content_hash) ON DELETE CASCADE,
                        row_count INTEGER NOT NULL,
                        named_count INTEGER NOT NULL,
                        ids BLOB NOT NULL,
                        topics BLOB NOT NULL,
                        similarities BLOB NOT NULL,
                        named BLOB NOT NULL
                    );
                    CREATE INDEX topic_block_model ON topic_block(model_hash, id);
                    """)
            let hashes = try String.fetchAll(db, sql: "SELECT DISTINCT model_hash FROM paper_topic")
            for hash in hashes {
                let assignments = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT paper_id, topic_id, similarity, named_similarities FROM paper_topic
                        WHERE model_hash = ? ORDER BY paper_id
                        """, arguments: [hash]
                ).compactMap { row -> TopicAssignment? in
                    guard let id = ArxivID(normalizedUTF8: (row[0] as String).utf8) else { return nil }
                    return TopicAssignment(
                        paperID: id, topicID: row[1], similarity: Float(row[2] as Double),
                        namedSimilarities: PaperStore.floats([UInt8](row[3] as Data)))
                }
                // Rows written by older versions may lack named similarities: pad to the widest.
                let width = assignments.map(\.namedSimilarities.count).max() ?? 0
                let padded = assignments.map { a -> TopicAssignment in
                    var a = a
                    a.namedSimilarities += Array(repeating: 0, count: width - a.namedSimilarities.count)
                    return a
                }
                try PaperStore.insertTopicBlock(padded, modelHash: hash, in: db)
            }
            try db.execute(sql: "DROP TABLE paper_topic")
        }
        migrator.registerMigration("v7-blob-files") { db in
            // Large model data and vector blocks live in files beside the database (BlobFolder); the row names the
            // file and keeps empty blobs. Rows written before keep their bytes inline and are read as before.
            try db.execute(
                sql: """
                    ALTER TABLE model ADD COLUMN file TEXT;
                    ALTER TABLE vector_block ADD COLUMN file TEXT;
                    """)
        }
        migrator.registerMigration("v8-deliveries") { db in
            // What the daemon delivers after each report (JournalStore+Deliveries.swift; the protocol is in
            // Daemon/DigestJournal.swift), and the entries of its rolling feeds.
            try db.execute(
                sql: """
                    -- One mail or hook per digest and target, recorded with the report; the state says whether it
                    -- is waiting (pending), under way (sending: recorded before the mailer runs), sent, or failed
                    -- (given up after its attempts, until `paperradar deliveries retry`).
                    CREATE TABLE daemon_delivery (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        content_hash TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        target TEXT NOT NULL,
                        message_id TEXT,
                        payload TEXT NOT NULL,
                        state TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at TEXT NOT NULL,
                        last_error TEXT,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL,
                        sent_at TEXT,
                        UNIQUE (content_hash, kind, target)
                    );
                    CREATE INDEX daemon_delivery_state ON daemon_delivery(state, next_attempt_at);
                    -- The entries of the rolling feeds (feed.atom, reading-list.atom): one per feed and paper, moved
                    -- to the latest digest that brought it; `digest_rank` orders digests, newest highest.
                    CREATE TABLE daemon_feed_entry (
                        feed TEXT NOT NULL,
                        entry_id TEXT NOT NULL,
                        content_hash TEXT NOT NULL,
                        digest_rank INTEGER NOT NULL,
                        position INTEGER NOT NULL,
                        entry TEXT NOT NULL,
                        PRIMARY KEY (feed, entry_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX daemon_feed_entry_order ON daemon_feed_entry(feed, digest_rank DESC, position);
                    """)
        }
        migrator.registerMigration("v8-ratings") { db in
            // Named reading profiles (PaperStore+Ratings.swift): the reader's ratings, texts liked without an arXiv
            // id, and the settings (keywords, authors, muted topics, …) as the TOML of a profile file.
            try db.execute(
                sql: """
                    CREATE TABLE reading_profile (
                        name TEXT PRIMARY KEY NOT NULL,
                        settings TEXT NOT NULL DEFAULT '',
                        revision INTEGER NOT NULL DEFAULT 0,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    );
                    -- like and dislike exclude each other; save is independent. Ids need not be stored papers.
                    CREATE TABLE rating (
                        profile TEXT NOT NULL REFERENCES reading_profile(name) ON DELETE CASCADE,
                        paper_id TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('like', 'dislike', 'save')),
                        rated_at TEXT NOT NULL,
                        PRIMARY KEY (profile, paper_id, kind)
                    ) WITHOUT ROWID;
                    CREATE TABLE liked_text (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        profile TEXT NOT NULL REFERENCES reading_profile(name) ON DELETE CASCADE,
                        title TEXT NOT NULL,
                        abstract TEXT NOT NULL,
                        source TEXT NOT NULL,
                        content_hash TEXT NOT NULL,
                        added_at TEXT NOT NULL,
                        UNIQUE (profile, content_hash)
                    );
                    """)
        }
        migrator.registerMigration("v8-search-index") { db in
            // A full-text index of titles and abstracts (SQLite FTS5, ranked by BM25), kept in step with the paper
            // table by triggers; words are runs of letters and digits, case-folded, accents kept.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE paper_search USING fts5(
                        title, abstract, content='paper', content_rowid='rowid',
                        tokenize='unicode61 remove_diacritics 0'
                    );
                    CREATE TRIGGER paper_search_insert AFTER INSERT ON paper BEGIN
                        INSERT INTO paper_search(rowid, title, abstract) VALUES (new.rowid, new.title, new.abstract);
                    END;
                    CREATE TRIGGER paper_search_delete AFTER DELETE ON paper BEGIN
                        INSERT INTO paper_search(paper_search, rowid, title, abstract)
                            VALUES ('delete', old.rowid, old.title, old.abstract);
                    END;
                    CREATE TRIGGER paper_search_update AFTER UPDATE OF title, abstract ON paper
                    WHEN old.title IS NOT new.title OR old.abstract IS NOT new.abstract BEGIN
                        INSERT INTO paper_search(paper_search, rowid, title, abstract)
                            VALUES ('delete', old.rowid, old.title, old.abstract);
                        INSERT INTO paper_search(rowid, title, abstract) VALUES (new.rowid, new.title, new.abstract);
                    END;
                    INSERT INTO paper_search(paper_search) VALUES ('rebuild');
                    """)
        }
        migrator.registerMigration("v9-search-pending") { db in
            // Indexing each paper as it is inserted made a bulk import six times slower (16 s instead of 2.8 s for
            // 94k papers; SQLite's FTS5 indexes a batch ~3× faster than row by row). Inserted papers are now queued
            // and indexed in one statement by ``PaperStore/indexPendingSearchTexts()`` (in a digest's own
            // transaction, after `import` by `fit`, and before any search). A queued paper is not in the index yet,
            // so deleting or changing it must not delete it from the index.
            try db.execute(
                sql: """
                    CREATE TABLE search_pending (paper_rowid INTEGER PRIMARY KEY);
                    DROP TRIGGER paper_search_insert;
                    DROP TRIGGER paper_search_delete;
                    DROP TRIGGER paper_search_update;
                    CREATE TRIGGER paper_search_insert AFTER INSERT ON paper BEGIN
                        INSERT OR IGNORE INTO search_pending(paper_rowid) VALUES (new.rowid);
                    END;
                    CREATE TRIGGER paper_search_delete AFTER DELETE ON paper BEGIN
                        INSERT INTO paper_search(paper_search, rowid, title, abstract)
                            SELECT 'delete', old.rowid, old.title, old.abstract
                            WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE paper_rowid = old.rowid);
                        DELETE FROM search_pending WHERE paper_rowid = old.rowid;
                    END;
                    CREATE TRIGGER paper_search_update AFTER UPDATE OF title, abstract ON paper
                    WHEN old.title IS NOT new.title OR old.abstract IS NOT new.abstract BEGIN
                        INSERT INTO paper_search(paper_search, rowid, title, abstract)
                            SELECT 'delete', old.rowid, old.title, old.abstract
                            WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE paper_rowid = old.rowid);
                        INSERT OR IGNORE INTO search_pending(paper_rowid) VALUES (new.rowid);
                    END;
                    """)
        }
        return migrator
    }
}
