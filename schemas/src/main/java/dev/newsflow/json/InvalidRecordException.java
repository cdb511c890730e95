package dev.newsflow.json;

import java.util.List;
import java.util.stream.Collectors;

/** A JSON document that is not a valid record of the expected type, with every field that is wrong. */
public final class InvalidRecordException extends IllegalArgumentException {
  private final String recordType;
  private final List<FieldError> errors;

  public InvalidRecordException(String recordType, List<FieldError> errors) {
    super("invalid " + recordType + ": "
        + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.recordType = recordType;
    this.errors = List.copyOf(errors);
  }

  public String recordType() {
    return recordType;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
