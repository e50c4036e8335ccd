/** Card platform client that issues the virtual card of a completed opening. */
@NullMarked
package io.github.accountopening.card;

import org.jspecify.annotations.NullMarked;
