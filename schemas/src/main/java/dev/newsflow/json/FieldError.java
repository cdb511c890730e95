package dev.newsflow.json;

/** One problem with one field of a JSON record: {@code path} is like {@code mentions[2].companyId}. */
public record FieldError(String path, String message) {
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
