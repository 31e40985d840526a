package postgres

// Migrations are the embedded migrations, for the external tests.
var Migrations = migrations
