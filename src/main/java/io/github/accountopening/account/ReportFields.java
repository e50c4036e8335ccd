package io.github.accountopening.account;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the record, its audit trail and the parked reports can hold (the widths of the Flyway
 * migrations), checked before a status from outside gets near the database: a value that can never be
 * stored is the sender's mistake, answered 400 naming the field, not "retry later".
 */
public final class ReportFields {

    /** A request id: our business key and the provider's {@code reference}. */
    public static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static final int TRACKING_ID = 128;
    static final int WEBHOOK_ID = 255;
    static final int IBAN = 34;
    static final int BIC = 11;
    static final int REASON = 500;
    /** Identifiers are visible ASCII, without spaces or control characters. */
    private static final Pattern IDENTIFIER = Pattern.compile("\\p{Graph}+");

    private static final int SHOWN = 64;

    private ReportFields() {}

    public static void requestId(String field, @Nullable String value) {
        if (value != null && !REQUEST_ID.matcher(value).matches()) {
            throw new InvalidFieldException(field + " must be 1-64 of [A-Za-z0-9._-], was " + shown(value));
        }
    }

    public static void trackingId(String field, @Nullable String value) {
        identifier(field, value, TRACKING_ID);
    }

    public static void webhookId(String field, @Nullable String value) {
        identifier(field, value, WEBHOOK_ID);
    }

    public static void reason(String field, @Nullable String value) {
        if (value != null && value.length() > REASON) {
            throw new InvalidFieldException(
                    field + " must be at most " + REASON + " characters, was " + value.length());
        }
    }

    /** Only the length: whether it is a valid IBAN is {@link BankAccount}'s question, for a COMPLETED status. */
    public static void iban(String field, @Nullable String value) {
        if (value != null && value.replace(" ", "").length() > IBAN) {
            throw new InvalidFieldException(
                    field + " must be at most " + IBAN + " characters (spaces aside), was " + shown(value));
        }
    }

    public static void bic(String field, @Nullable String value) {
        if (value != null && value.trim().length() > BIC) {
            throw new InvalidFieldException(field + " must be at most " + BIC + " characters, was " + shown(value));
        }
    }

    /** A value for an error message: quoted, and cut short when long, so an answer never echoes a whole payload. */
    public static String shown(String value) {
        // the sender's text lands in a message and a log line: no line breaks or other control characters of its own
        String flat = value.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= SHOWN
                ? "'" + flat + "'"
                : "'" + flat.substring(0, SHOWN) + "...' (" + flat.length() + " characters)";
    }

    private static void identifier(String field, @Nullable String value, int max) {
        if (value != null && (value.length() > max || !IDENTIFIER.matcher(value).matches())) {
            throw new InvalidFieldException(
                    field + " must be 1-" + max + " visible ASCII characters without spaces, was " + shown(value));
        }
    }

    /** A field a status report cannot carry; the message names the field. */
    public static class InvalidFieldException extends IllegalArgumentException {
        InvalidFieldException(String message) {
            super(message);
        }
    }
}
