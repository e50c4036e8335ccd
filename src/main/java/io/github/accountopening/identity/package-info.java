/** Who may do what: Camunda users and single sign-on, the groups and their authorizations, and Camunda's checks fed from Spring Security. */
@NullMarked
package io.github.accountopening.identity;

import org.jspecify.annotations.NullMarked;
