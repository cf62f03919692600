-- 006_link_cluster_index: an index on link_articles.cluster_id, so that reading a copy cluster's
-- members back (the linker, after the cluster left memory; provenance) is a lookup, not a scan
-- of every linked article. Idempotent, so the link stage can also apply it on a database made before it existed.

CREATE INDEX IF NOT EXISTS link_articles_cluster ON link_articles (cluster_id);
