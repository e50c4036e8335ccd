package io.github.accountopening.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartVariablesTest {

    static Map<String, Object> valid() {
        return new HashMap<>(
                Map.of("customerId", "C-1001", "market", "NL", "customerType", "COMPANY", "legalName", "Acme B.V."));
    }

    @Test
    void aValidRequestHasNoProblems() {
        assertThat(StartVariables.problems("req-42", valid())).isEmpty();
        assertThat(StartVariables.problems(null, valid()))
                .as("a missing business key is generated")
                .isEmpty();
    }

    @Test
    void eachProblemNamesItsVariable() {
        Map<String, Object> vars = valid();
        vars.put("market", "Netherlands");
        vars.remove("legalName");
        vars.put("customerType", "PERSON");
        vars.put("customerId", 42);

        assertThat(StartVariables.problems("req 42!", vars))
                .satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("businessKey"),
                        p -> assertThat(p).startsWith("variable 'customerId' must be a String"),
                        p -> assertThat(p).startsWith("variable 'market' must be two upper-case letters"),
                        p -> assertThat(p).startsWith("variable 'customerType' must be COMPANY or FREELANCER"),
                        p -> assertThat(p).startsWith("variable 'legalName' is missing"));
    }

    @Test
    void aVariableBeyondTheFourIsRefusedByName() {
        Map<String, Object> vars = valid();
        vars.put("resolution", "MANUAL");
        vars.put("iban", "NL91ABNA0417164300");

        assertThat(StartVariables.problems("req-42", vars))
                .containsExactly(
                        "variable 'iban' is not one a start may carry: only customerId, market, customerType, legalName",
                        "variable 'resolution' is not one a start may carry: only customerId, market, customerType, legalName");
    }

    @Test
    void limitsLengths() {
        Map<String, Object> vars = valid();
        vars.put("legalName", "x".repeat(201));
        vars.put("customerId", "c".repeat(65));

        assertThat(StartVariables.problems("r".repeat(65), vars)).hasSize(3);
        vars.put("legalName", "x".repeat(200));
        vars.put("customerId", "c".repeat(64));
        assertThat(StartVariables.problems("r".repeat(64), vars)).isEmpty();
    }
}
