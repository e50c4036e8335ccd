/** Non-production endpoint that pushes a simulated provider status through the webhook pipeline. */
@NullMarked
package io.github.accountopening.sandbox;

import org.jspecify.annotations.NullMarked;
