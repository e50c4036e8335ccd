package io.github.accountopening.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read API over the account records and their audit trail. */
@RestController
@RequestMapping("/api/account-openings")
class AccountOpeningController {

    static final int MAX_LIMIT = 1000;

    private final AccountOpenings openings;

    AccountOpeningController(AccountOpenings openings) {
        this.openings = openings;
    }

    @GetMapping("/{requestId}")
    @Operation(summary = "One account record, the anchor of an opening")
    @ApiResponse(responseCode = "200", description = "the record")
    @ApiResponse(
            responseCode = "404",
            description = "no opening with this request id",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    AccountOpeningView get(@PathVariable String requestId) {
        return AccountOpeningView.of(openings.get(requestId));
    }

    @GetMapping
    @Operation(summary = "Account records, oldest first, optionally by status")
    @ApiResponse(responseCode = "200", description = "the records")
    @ApiResponse(
            responseCode = "400",
            description = "unknown status, or limit outside 1-1000",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    List<AccountOpeningView> list(
            @RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        return openings.list(parseStatus(status), limit).stream()
                .map(AccountOpeningView::of)
                .toList();
    }

    @GetMapping("/{requestId}/events")
    @Operation(summary = "Every status that reached the record, oldest first, and what it did")
    @ApiResponse(responseCode = "200", description = "the audit trail")
    @ApiResponse(
            responseCode = "404",
            description = "no opening with this request id",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    List<AccountOpeningEventView> events(@PathVariable String requestId) {
        return openings.events(requestId).stream()
                .map(AccountOpeningEventView::of)
                .toList();
    }

    private static @Nullable AccountStatus parseStatus(@Nullable String status) {
        if (status == null) {
            return null;
        }
        return Arrays.stream(AccountStatus.values())
                .filter(s -> s.name().equals(status))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("status '" + status + "' is unknown; expected one of "
                        + Arrays.toString(AccountStatus.values())));
    }
}
