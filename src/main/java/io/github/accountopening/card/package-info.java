/** Card platform client that issues the virtual card of a completed opening. */
package io.github.accountopening.card;
