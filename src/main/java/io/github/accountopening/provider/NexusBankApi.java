package io.github.accountopening.provider;

import feign.Headers;
import feign.Param;
import feign.RequestLine;

/** NexusBank's account API as the contract fixes it. Every call carries the bearer key (see the client wiring). */
@Headers({"Content-Type: application/json", "Accept: application/json"})
public interface NexusBankApi {

    @RequestLine("POST /v2/account-openings")
    @Headers("Idempotency-Key: {requestId}")
    OpeningAccepted requestAccount(@Param("requestId") String requestId, OpeningRequest request);

    @RequestLine("GET /v2/account-openings/{trackingId}")
    OpeningStatus status(@Param("trackingId") String trackingId);

    @RequestLine("POST /v1/accounts")
    @Headers("Idempotency-Key: {requestId}")
    LegacyAccount openLegacy(@Param("requestId") String requestId, OpeningRequest request);

    /** Body of both the asynchronous and the legacy request. */
    record OpeningRequest(String reference, String customerId, String legalName, String market, String customerType) {}

    /** 202 answer of the asynchronous request. */
    record OpeningAccepted(String trackingId, String status) {}

    /** Answer of the status API, and body of a webhook without its {@code occurred_at}. */
    record OpeningStatus(String trackingId, String reference, String status, String iban, String bic, String reason) {}

    /** 200 answer of the legacy call. */
    record LegacyAccount(String iban, String bic) {}
}
