-- Link tables: copies, provenance, stories and events merged across articles.
-- Written by dateline.link (one row per linked article, cluster, story, merged event, mention).
-- Idempotent, so the link stage can also apply it on a database made before it existed.

CREATE TABLE IF NOT EXISTS link_articles (
    article_id     VARCHAR PRIMARY KEY,
    seen           BIGINT NOT NULL,         -- order in which articles were linked
    site           VARCHAR,
    url            VARCHAR,
    title          VARCHAR,
    published      VARCHAR,
    wire_agency    VARCHAR,
    doc_len        INTEGER,
    tone           DOUBLE,                  -- % positive minus % negative words (GDELT tone)
    signature      BLOB,                    -- MinHash hash values (uint64 x 128); NULL when too short
    shingle_count  INTEGER,
    terms          VARCHAR,                 -- distinct terms, one per line, for story document frequencies
    cluster_id     VARCHAR NOT NULL,        -- copy cluster (an article alone is its own cluster)
    copy_jaccard   DOUBLE,                  -- estimated Jaccard with the closest earlier copy
    relation       VARCHAR,                 -- original | verbatim | light edit | rewrite
    similarity     DOUBLE,                  -- wording similarity with the cluster original, 0..1
    story_id       VARCHAR,
    story_score    DOUBLE,
    linked_at      TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS link_clusters (
    cluster_id     VARCHAR PRIMARY KEY,
    original_id    VARCHAR NOT NULL,
    basis          VARCHAR,                 -- agency site | earliest publication | first seen
    origin         VARCHAR,                 -- credited wire agency, else the original's site
    size           INTEGER
);

CREATE TABLE IF NOT EXISTS link_stories (
    story_id       VARCHAR PRIMARY KEY,
    label          VARCHAR,
    size           INTEGER,
    first_day      VARCHAR,
    last_day       VARCHAR,
    centroid       VARCHAR                  -- JSON object term -> weight
);

CREATE TABLE IF NOT EXISTS link_events (
    event_id                 BIGINT PRIMARY KEY,   -- GDELT GlobalEventID
    story_id                 VARCHAR,
    day                      VARCHAR,
    cameo                    VARCHAR,
    cameo_root               VARCHAR,
    plover                   VARCHAR,
    num_mentions             INTEGER,
    num_articles             INTEGER,
    num_sources              INTEGER,
    num_independent_sources  INTEGER,
    independent_sources      VARCHAR[],
    avg_tone                 DOUBLE,
    first_article_id         VARCHAR,
    source_url               VARCHAR,
    date_added               TIMESTAMP DEFAULT current_timestamp,
    event                    VARCHAR               -- JSON of the representative Event
);

CREATE TABLE IF NOT EXISTS link_mentions (
    event_id       BIGINT NOT NULL,
    article_id     VARCHAR NOT NULL,
    mention_id     VARCHAR NOT NULL,        -- Event.id within its article
    position       INTEGER NOT NULL,        -- order of the mention within the event (0 = representative)
    sentence_id    INTEGER,
    in_lead        BOOLEAN,                 -- in the article's first paragraph (GDELT IsRootEvent)
    site           VARCHAR,
    url            VARCHAR,
    published      VARCHAR,
    tone           DOUBLE,
    doc_len        INTEGER,
    cluster_id     VARCHAR,
    origin         VARCHAR,
    independent    BOOLEAN,
    confidence     DOUBLE,
    mentioned_at   TIMESTAMP DEFAULT current_timestamp,
    event          VARCHAR,                 -- JSON of the Event as coded in this article
    PRIMARY KEY (event_id, article_id, mention_id)
);
