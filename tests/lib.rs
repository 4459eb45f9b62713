mod profile;
mod pty;
mod questionnaire;
