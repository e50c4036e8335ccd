package io.github.accountopening.account;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportFieldsTest {

    @Test
    void aRefusedValueIsQuotedOnOneLineWhateverItCarries() {
        assertThatThrownBy(() -> ReportFields.trackingId("tracking_id", "trk-1\n2026-12-06 ERROR forged log line"))
                .hasMessageStartingWith("tracking_id must be")
                .hasMessageContaining("'trk-1?2026-12-06 ERROR forged log line'")
                .hasMessageNotContaining("\n");
    }
}
