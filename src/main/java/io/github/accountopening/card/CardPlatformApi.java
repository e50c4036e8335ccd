package io.github.accountopening.card;

import feign.Headers;
import feign.Param;
import feign.RequestLine;

/** The card platform: the same idempotency key always gets the same card. */
@Headers({"Content-Type: application/json", "Accept: application/json"})
public interface CardPlatformApi {

    @RequestLine("POST /v1/virtual-cards")
    @Headers("Idempotency-Key: {requestId}")
    IssuedCard issue(@Param("requestId") String requestId, CardRequest request);

    record CardRequest(String customerId, String iban) {}

    record IssuedCard(String cardId) {}
}
