package dev.newsflow.producer.feed;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mozilla.universalchardet.Constants;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Works out how a feed's bytes are encoded and decodes them, trusting evidence over claims: a byte
 * order mark wins; then the XML declaration, then the HTTP charset; a document that claims UTF-8 but is
 * not valid UTF-8 is read as windows-1252, one that declares nothing and is not UTF-8 is read in the
 * East Asian charset a detector finds in its bytes (else windows-1252), and one that claims a Latin charset but is valid multi-byte
 * UTF-8 is read as UTF-8. Whatever is left undecodable becomes U+FFFD; decoding never fails.
 */
final class FeedEncoding {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

  /** Detector answers read as multi-byte CJK text (juniversalchardet's names). */
  private static final java.util.Set<String> MULTI_BYTE = java.util.Set.of(
      Constants.CHARSET_GB18030, Constants.CHARSET_BIG5, Constants.CHARSET_EUC_KR, Constants.CHARSET_EUC_JP,
      Constants.CHARSET_SHIFT_JIS, Constants.CHARSET_EUC_TW);

  private FeedEncoding() {}

  /** The decoded text (without a byte order mark), the charset used, and what was corrected. */
  record Decoded(String text, Charset charset, List<String> warnings) {}

  static Decoded decode(byte[] bytes, String httpCharset) {
    List<String> warnings = new ArrayList<>();
    int[] bomLength = new int[1];
    Charset bom = fromBom(bytes, bomLength);
    if (bom != null) {
      return new Decoded(decodeLenient(bytes, bomLength[0], bom), bom, warnings);
    }
    Charset utf16 = wideWithoutBom(bytes);
    if (utf16 != null) {
      return new Decoded(decodeLenient(bytes, 0, utf16), utf16, warnings);
    }
    String declared = declaredEncoding(bytes);
    String claim = declared != null ? declared : httpCharset;
    String claimSource = declared != null ? "the XML declaration" : "the HTTP header";
    Charset claimed = claim == null ? null : lookup(claim);
    if (claim != null && claimed == null) {
      warnings.add(claimSource + " names the unknown encoding '" + claim + "'");
    }
    boolean validUtf8 = isValidUtf8(bytes);
    if (claimed == null || claimed.equals(StandardCharsets.UTF_8)) {
      if (validUtf8) {
        return new Decoded(new String(bytes, StandardCharsets.UTF_8), StandardCharsets.UTF_8, warnings);
      }
      if (claimed == null) {
        Charset detected = detectMultiByte(bytes);
        if (detected != null) {
          warnings.add("no encoding declared; the bytes read as " + detected.name());
          return new Decoded(decodeLenient(bytes, 0, detected), detected, warnings);
        }
      }
      if (claimed != null) {
        warnings.add(claimSource + " says UTF-8 but the bytes are not; read as windows-1252");
      }
      return new Decoded(decodeLenient(bytes, 0, WINDOWS_1252), WINDOWS_1252, warnings);
    }
    if (claimed.name().startsWith("UTF-16") || claimed.name().startsWith("UTF-32")) {
      // A declaration readable as ASCII cannot be true of UTF-16/32 without a byte order mark.
      warnings.add(claimSource + " says " + claimed.name() + " but the document is byte-oriented; read as "
          + (validUtf8 ? "UTF-8" : "windows-1252"));
      Charset fallback = validUtf8 ? StandardCharsets.UTF_8 : WINDOWS_1252;
      return new Decoded(decodeLenient(bytes, 0, fallback), fallback, warnings);
    }
    if (isLatin(claimed) && validUtf8 && hasMultiByte(bytes)) {
      warnings.add(claimSource + " says " + claimed.name() + " but the bytes are UTF-8; read as UTF-8");
      return new Decoded(new String(bytes, StandardCharsets.UTF_8), StandardCharsets.UTF_8, warnings);
    }
    if (claimed.equals(StandardCharsets.ISO_8859_1) || claimed.equals(StandardCharsets.US_ASCII)) {
      // What servers label Latin-1 or ASCII is windows-1252 in practice (curly quotes, euro sign).
      claimed = WINDOWS_1252;
    }
    return new Decoded(decodeLenient(bytes, 0, claimed), claimed, warnings);
  }

  /**
   * The East Asian multi-byte charset the bytes are in, as a statistical detector tells it, or null
   * (single-byte text stays windows-1252, which is what undeclared Western feeds are in practice).
   * GB2312 and GBK are read as GB18030, their superset.
   */
  private static Charset detectMultiByte(byte[] bytes) {
    UniversalDetector detector = new UniversalDetector();
    detector.handleData(bytes, 0, bytes.length);
    detector.dataEnd();
    String name = detector.getDetectedCharset();
    if (name == null || !MULTI_BYTE.contains(name)) {
      return null;
    }
    return lookup(name);
  }

  /** UTF-8 read leniently: JSON and NDJSON are UTF-8 by definition, a byte order mark is dropped. */
  static String decodeUtf8(byte[] bytes) {
    int[] bomLength = new int[1];
    Charset bom = fromBom(bytes, bomLength);
    if (bom != null) {
      return decodeLenient(bytes, bomLength[0], bom);
    }
    return decodeLenient(bytes, 0, StandardCharsets.UTF_8);
  }

  /** The charset parameter of a Content-Type header value, or null. */
  static String charsetOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String value = p.substring("charset=".length()).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  private static Charset fromBom(byte[] b, int[] length) {
    if (b.length >= 4 && (b[0] & 0xFF) == 0 && (b[1] & 0xFF) == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
      length[0] = 4;
      return UTF_32BE;
    }
    if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
      length[0] = 4;
      return UTF_32LE;
    }
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      length[0] = 3;
      return StandardCharsets.UTF_8;
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      length[0] = 2;
      return StandardCharsets.UTF_16BE;
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      length[0] = 2;
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  /** {@code <} and the next character, in UTF-32 or UTF-16 without a byte order mark. */
  private static Charset wideWithoutBom(byte[] b) {
    if (b.length < 4) {
      return null;
    }
    if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == '<') {
      return UTF_32BE;
    }
    if (b[0] == '<' && b[1] == 0 && b[2] == 0 && b[3] == 0) {
      return UTF_32LE;
    }
    if (b[0] == '<' && b[1] == 0 && b[2] != 0 && b[3] == 0) {
      return StandardCharsets.UTF_16LE;
    }
    if (b[0] == 0 && b[1] == '<' && b[2] == 0 && b[3] != 0) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  /** The encoding named in an XML declaration at the start of the document, read as ASCII. */
  static String declaredEncoding(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
    int start = head.indexOf("<?xml");
    if (start < 0 || !head.substring(0, start).isBlank()) {
      return null;
    }
    int end = head.indexOf("?>", start);
    if (end < 0) {
      return null;
    }
    String decl = head.substring(start, end);
    int at = decl.indexOf("encoding");
    if (at < 0) {
      return null;
    }
    int i = at + "encoding".length();
    while (i < decl.length() && (decl.charAt(i) == ' ' || decl.charAt(i) == '=' || decl.charAt(i) == '\t')) {
      i++;
    }
    if (i >= decl.length() || (decl.charAt(i) != '"' && decl.charAt(i) != '\'')) {
      return null;
    }
    char quote = decl.charAt(i);
    int close = decl.indexOf(quote, i + 1);
    if (close < 0) {
      return null;
    }
    String name = decl.substring(i + 1, close).trim();
    return name.isEmpty() ? null : name;
  }

  private static Charset lookup(String name) {
    try {
      return Charset.forName(name.trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  private static boolean isLatin(Charset charset) {
    String name = charset.name().toLowerCase(Locale.ROOT);
    return name.startsWith("iso-8859") || name.startsWith("windows-125") || name.equals("us-ascii");
  }

  static boolean isValidUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean hasMultiByte(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  private static String decodeLenient(byte[] bytes, int offset, Charset charset) {
    try {
      CharBuffer chars = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder reported an error", e);
    }
  }
}
