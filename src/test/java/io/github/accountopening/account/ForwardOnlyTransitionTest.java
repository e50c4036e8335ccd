package io.github.accountopening.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever order, repetition or contradiction the reports come in, the record never goes backwards. */
class ForwardOnlyTransitionTest {

    static final BankAccount ACCOUNT = new BankAccount("NL91ABNA0417164300", "ABNANL2A");

    @Property(tries = 500)
    void aRecordOnlyEverMovesForward(@ForAll("reports") List<ProviderStatus> statuses) {
        AccountOpening opening = newOpening();
        ProviderStatus firstTerminal = null;
        int highestRank = 0;

        for (ProviderStatus status : statuses) {
            AccountStatus before = opening.getStatus();
            EventOutcome outcome = opening.accept(report(status), Instant.now());

            if (before.isTerminal()) {
                assertThat(opening.getStatus())
                        .as("a terminal status never changes")
                        .isEqualTo(before);
                assertThat(outcome).isNotEqualTo(EventOutcome.APPLIED);
            }
            if (outcome == EventOutcome.APPLIED) {
                assertThat(status.rank())
                        .as("applied only when it moves forward")
                        .isGreaterThan(highestRank);
                highestRank = status.rank();
            }
            if (status.isTerminal() && firstTerminal == null) {
                firstTerminal = status;
            }
            if (outcome == EventOutcome.CONTRADICTING) {
                assertThat(status).isNotEqualTo(firstTerminal);
            }
        }
        if (firstTerminal == null) {
            assertThat(opening.getStatus()).isEqualTo(AccountStatus.IN_PROGRESS);
        } else {
            assertThat(opening.getStatus().name()).isEqualTo(firstTerminal.name());
            assertThat(opening.getProviderStatus()).isEqualTo(firstTerminal);
        }
    }

    @Property(tries = 200)
    void onlyTheFirstTerminalStatusFillsInTheAccountOrTheReason(@ForAll("reports") List<ProviderStatus> statuses) {
        AccountOpening opening = newOpening();
        statuses.forEach(s -> opening.accept(report(s), Instant.now()));

        switch (opening.getStatus()) {
            case COMPLETED -> assertThat(opening.getIban()).isEqualTo(ACCOUNT.iban());
            case REJECTED -> assertThat(opening.getIban()).isNull();
            case IN_PROGRESS -> assertThat(opening.getRejectionReason()).isNull();
        }
    }

    @Provide
    Arbitrary<List<ProviderStatus>> reports() {
        return Arbitraries.of(ProviderStatus.class).list().ofMinSize(1).ofMaxSize(8);
    }

    private static AccountOpening newOpening() {
        return new AccountOpening(
                new NewAccountOpening("req-1", "C-1", "NL", "COMPANY", "Acme B.V.", OpeningMode.ASYNC, "pi-1"),
                Instant.now());
    }

    private static StatusReport report(ProviderStatus status) {
        return StatusReport.webhook(
                "req-1",
                "trk-1",
                status,
                status == ProviderStatus.COMPLETED ? ACCOUNT : null,
                status == ProviderStatus.REJECTED ? "no" : null,
                "msg");
    }
}
