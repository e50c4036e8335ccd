package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.VAR_CUSTOMER_ID;
import static io.github.accountopening.process.AccountOpeningProcess.VAR_CUSTOMER_TYPE;
import static io.github.accountopening.process.AccountOpeningProcess.VAR_LEGAL_NAME;
import static io.github.accountopening.process.AccountOpeningProcess.VAR_MARKET;

import io.github.accountopening.account.ReportFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules for the business key and the variables onboarding starts an opening with. */
final class StartVariables {

    static final Pattern REQUEST_ID = ReportFields.REQUEST_ID;
    static final Pattern MARKET = Pattern.compile("[A-Z]{2}");
    static final Set<String> CUSTOMER_TYPES = Set.of("COMPANY", "FREELANCER");
    /** The only variables a start may carry: anything else (an ops resolution, say) is another role's to set. */
    static final List<String> ALLOWED = List.of(VAR_CUSTOMER_ID, VAR_MARKET, VAR_CUSTOMER_TYPE, VAR_LEGAL_NAME);

    private StartVariables() {}

    /** Every problem with the request, each naming the business key or variable it is about. */
    static List<String> problems(String businessKey, Map<String, Object> variables) {
        List<String> problems = new ArrayList<>();
        if (businessKey != null && !REQUEST_ID.matcher(businessKey).matches()) {
            problems.add("businessKey (the requestId) must be 1-64 of [A-Za-z0-9._-], was '" + businessKey + "'");
        }
        variables.keySet().stream()
                .filter(name -> !ALLOWED.contains(name))
                .sorted()
                .forEach(name -> problems.add(
                        "variable '" + name + "' is not one a start may carry: only " + String.join(", ", ALLOWED)));
        check(problems, variables, VAR_CUSTOMER_ID, "1-64 characters", v -> !v.isBlank() && v.length() <= 64);
        check(
                problems,
                variables,
                VAR_MARKET,
                "two upper-case letters, like NL",
                v -> MARKET.matcher(v).matches());
        check(problems, variables, VAR_CUSTOMER_TYPE, "COMPANY or FREELANCER", CUSTOMER_TYPES::contains);
        check(problems, variables, VAR_LEGAL_NAME, "1-200 characters", v -> !v.isBlank() && v.length() <= 200);
        return problems;
    }

    private static void check(
            List<String> problems,
            Map<String, Object> variables,
            String name,
            String rule,
            java.util.function.Predicate<String> valid) {
        Object value = variables.get(name);
        if (value == null) {
            problems.add("variable '" + name + "' is missing: it must be a String of " + rule);
        } else if (!(value instanceof String text)) {
            problems.add("variable '" + name + "' must be a String of " + rule + ", was a "
                    + value.getClass().getSimpleName());
        } else if (!valid.test(text)) {
            problems.add("variable '" + name + "' must be " + rule + ", was '" + text + "'");
        }
    }
}
