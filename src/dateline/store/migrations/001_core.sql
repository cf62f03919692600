-- 001_core: runs, articles (one row per input document) and what was coded in them.
-- Nested objects are flattened: a field's path joined with "_", a span split into
-- _start/_end; `spans` maps stay JSON; model fields without a column go to `extra`.

CREATE SEQUENCE run_ids START 1;

CREATE TABLE runs (
    id INTEGER PRIMARY KEY DEFAULT nextval('run_ids'),
    started_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL DEFAULT 'running',  -- running | finished | interrupted
    inputs VARCHAR[],
    components VARCHAR[],
    workers INTEGER,
    seen INTEGER NOT NULL DEFAULT 0,            -- documents read
    already_stored INTEGER NOT NULL DEFAULT 0,  -- same origin and content already in the store: skipped
    ok INTEGER NOT NULL DEFAULT 0,
    duplicate INTEGER NOT NULL DEFAULT 0,
    error INTEGER NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    quotes INTEGER NOT NULL DEFAULT 0,
    timexes INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    status VARCHAR NOT NULL,                    -- ok | duplicate | error
    error VARCHAR,
    duplicate_of VARCHAR,                       -- for status duplicate: the article first stored with this content
    title VARCHAR,
    section VARCHAR,
    url VARCHAR,
    site VARCHAR,
    byline VARCHAR,
    published VARCHAR,
    published_inferred BOOLEAN,
    dateline_place VARCHAR,
    dateline_date VARCHAR,
    dateline_agency VARCHAR,
    dateline_text VARCHAR,
    dateline_span_start INTEGER,
    dateline_span_end INTEGER,
    wire_source VARCHAR,
    language VARCHAR,
    text VARCHAR,
    quality VARCHAR[],
    skipped VARCHAR,
    extra JSON,
    ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    run_id INTEGER
);
CREATE INDEX articles_content_hash ON articles (content_hash);

CREATE TABLE entities (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR,
    label VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    name VARCHAR,
    code VARCHAR,
    extra JSON,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE events (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    id VARCHAR,
    cameo VARCHAR,
    cameo_root VARCHAR,
    plover VARCHAR,
    plover_mode VARCHAR,
    plover_context VARCHAR,
    quad_class INTEGER,
    goldstein DOUBLE,
    date VARCHAR,
    place VARCHAR,
    source_text VARCHAR,
    source_name VARCHAR,
    source_code VARCHAR,
    source_span_start INTEGER,
    source_span_end INTEGER,
    target_text VARCHAR,
    target_name VARCHAR,
    target_code VARCHAR,
    target_span_start INTEGER,
    target_span_end INTEGER,
    trigger VARCHAR,
    sentence VARCHAR,
    spans JSON,
    modality VARCHAR[],
    rule VARCHAR,
    confidence DOUBLE,
    extra JSON,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE quotes (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR,
    direct BOOLEAN,
    cue VARCHAR,
    cue_lemma VARCHAR,
    speaker_text VARCHAR,
    speaker_name VARCHAR,
    speaker_code VARCHAR,
    speaker_span_start INTEGER,
    speaker_span_end INTEGER,
    spans JSON,
    sentence VARCHAR,
    rule VARCHAR,
    confidence DOUBLE,
    extra JSON,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE timexes (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR,
    type VARCHAR,
    value VARCHAR,
    spans JSON,
    rule VARCHAR,
    extra JSON,
    PRIMARY KEY (article_id, seq)
);
