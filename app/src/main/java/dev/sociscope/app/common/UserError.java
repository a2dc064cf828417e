package dev.sociscope.app.common;

/** What went wrong in plain words ({@code summary}) plus the technical text a curious user can expand. */
public record UserError(String summary, String details) {}
