package io.strata.trainer.builtin.inference;

import java.util.Map;

/**
 * One image's answer.
 *
 * @param predictedClass the class with the highest score
 * @param confidence its softmax probability
 * @param classScores every class's softmax probability, in the model's class order
 */
public record Classification(String predictedClass, double confidence, Map<String, Double> classScores) {

  public Classification {
    classScores = Map.copyOf(classScores);
  }
}
