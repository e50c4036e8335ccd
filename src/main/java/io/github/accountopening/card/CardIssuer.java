package io.github.accountopening.card;

import feign.FeignException;
import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.AccountOpenings;
import org.springframework.stereotype.Service;

/** Issues the virtual card of a completed opening, keyed by its request id so a retried job gets the same card. */
@Service
public class CardIssuer {

    private final CardPlatformApi cards;
    private final AccountOpenings openings;

    CardIssuer(CardPlatformApi cards, AccountOpenings openings) {
        this.cards = cards;
        this.openings = openings;
    }

    public String issue(String requestId) {
        AccountOpening opening = openings.get(requestId);
        if (opening.getCardId() != null) {
            return opening.getCardId();
        }
        String iban = opening.getIban();
        if (iban == null) {
            throw new IllegalStateException("Opening " + requestId + " has no IBAN: no card can be issued");
        }
        CardPlatformApi.IssuedCard card;
        try {
            card = cards.issue(requestId, new CardPlatformApi.CardRequest(opening.getCustomerId(), iban));
        } catch (FeignException e) {
            throw new IllegalStateException(
                    "The card platform could not issue the card of opening " + requestId + ": " + e.getMessage(), e);
        }
        openings.recordCard(requestId, card.cardId());
        return card.cardId();
    }
}
