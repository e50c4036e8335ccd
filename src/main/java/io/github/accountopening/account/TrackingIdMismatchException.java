package io.github.accountopening.account;

/** A report names an opening by request id but carries another tracking id than the one the record has. */
public class TrackingIdMismatchException extends IllegalArgumentException {
    public TrackingIdMismatchException(String requestId, String known, String reported) {
        super("tracking_id '" + reported + "' does not belong to request '" + requestId + "', whose tracking id is '"
                + known + "'");
    }
}
