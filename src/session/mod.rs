//! The event log of one troubleshooting run and its saved form.
