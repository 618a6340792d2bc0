package io.strata.auth.secrets;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** One {@code id:base64key} entry of a {@link MasterKeyring}; parse errors name the entry, never the key. */
record MasterKeyEntry(String id, SecretKey key) {

  static final int KEY_BYTES = 32;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

  @Override
  public String toString() {
    return "MasterKeyEntry[id=" + id + ", key redacted]";
  }

  static List<MasterKeyEntry> parseAll(String text, String source) {
    List<MasterKeyEntry> entries = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int line = 0; line < lines.length; line++) {
      String content = lines[line];
      int comment = content.indexOf('#');
      if (comment >= 0) {
        content = content.substring(0, comment);
      }
      for (String token : SEPARATORS.split(content.strip())) {
        if (!token.isEmpty()) {
          entries.add(parse(token, source + " line " + (line + 1)));
        }
      }
    }
    return entries;
  }

  private static MasterKeyEntry parse(String token, String where) {
    int colon = token.indexOf(':');
    String id = colon < 0 ? "" : token.substring(0, colon);
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Master key entry in the " + where + " must be 'id:base64key' with an id "
          + "of 1 to 64 characters [A-Za-z0-9._-] (the entry is not shown, it may hold a key)");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(token.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      // Not kept as the cause: the decoder's message quotes the offending character of the key.
      throw new IllegalArgumentException("Master key '" + id + "' in the " + where + " is not valid base64; "
          + "generate one with 'openssl rand -base64 32'", null);
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("Master key '" + id + "' in the " + where + " is " + key.length
          + " bytes; AES-256 needs exactly " + KEY_BYTES + " ('openssl rand -base64 32')");
    }
    SecretKey secretKey = new SecretKeySpec(key, "AES");
    AppSecret.wipe(key);
    return new MasterKeyEntry(id, secretKey);
  }
}
