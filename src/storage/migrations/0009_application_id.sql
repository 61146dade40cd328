-- rhythm schema 9: the file says whose it is. SQLite keeps a 32-bit
-- application id in every database's header; rhythm's is "RHYT" in ASCII
-- (0x52485954). A file with tables and another id, or none and no
-- rhythm tables, is someone else's and is never changed
-- (`storage::identify`). Must equal `identify::APPLICATION_ID`.

PRAGMA application_id = 1380473172;
