//! The importer on small files written in the formats of the sources.
