//! Typed errors with the user's coordinates (file, sheet, row, column, value).
