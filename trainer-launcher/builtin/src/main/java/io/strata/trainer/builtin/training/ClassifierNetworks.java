package io.strata.trainer.builtin.training;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * The networks the built-in trainer builds, by the name {@code model.json} records as {@code architecture}; serving
 * rebuilds the same block and loads the parameters into it. Input: {@code (N, 3, size, size)} floats in 0..1.
 *
 * <ul>
 *   <li>{@code cnn}: three 3x3 convolutions (16, 32 and 64 filters, each with batch norm and ReLU; 2x2 max pool
 *       after the first two), global average pooling and the class scores (about 24k parameters);
 *   <li>{@code mlp}: flatten, 128 and 64 ReLU units, the class scores.
 * </ul>
 */
public final class ClassifierNetworks {

  private ClassifierNetworks() {}

  /** The untrained block of {@code architecture} with {@code classes} outputs (logits). */
  public static Block build(String architecture, int classes) {
    return switch (architecture) {
      case "cnn" -> new SequentialBlock()
          .add(convolution(16))
          .add(BatchNorm.builder().build())
          .add(Activation::relu)
          .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
          .add(convolution(32))
          .add(BatchNorm.builder().build())
          .add(Activation::relu)
          .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
          .add(convolution(64))
          .add(BatchNorm.builder().build())
          .add(Activation::relu)
          .add(Pool.globalAvgPool2dBlock())
          .add(Linear.builder().setUnits(classes).build());
      case "mlp" -> new SequentialBlock()
          .add(Blocks.batchFlattenBlock())
          .add(Linear.builder().setUnits(128).build())
          .add(Activation::relu)
          .add(Linear.builder().setUnits(64).build())
          .add(Activation::relu)
          .add(Linear.builder().setUnits(classes).build());
      default -> throw new IllegalArgumentException("Unknown architecture '" + architecture + "': use cnn or mlp");
    };
  }

  private static Block convolution(int filters) {
    return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build();
  }
}
