"""Wrong submissions for the content tests, each written as the reference solution with one mistake.

Keeping only the change (old text -> new text) makes each mistake readable at a glance and keeps the wrong
files from drifting away from the solution they are copies of.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# name -> (solution, [(text in the solution, text in the wrong submission), ...])
MISTAKES: dict[str, tuple[str, list[tuple[str, str]]]] = {'mnist/keras_input_shape': ('solutions/07-mnist-keras/functional.py',
                             [('    inputs = Input(shape=(784,))\n', '    inputs = Input(shape=(28, 28))\n'),
                              ('    return np.asarray(images).reshape(-1, 784).astype("float32") / 255.0\n',
                               '    return np.asarray(images).reshape(-1, 28, 28).astype("float32") / 255.0\n'),
                              ('"""Reference: the slides\' functional model, 784-64-64-10 with RMSprop, integer '
                               'labels with the sparse loss."""\n',
                               '"""Wrong (functional): Input(shape=(28, 28)) straight into Dense, so the output is '
                               '(None, 28, 10)."""\n')]),
 'mnist/keras_preprocess_shape': ('solutions/07-mnist-keras/sequential.py',
                                 [('    return np.asarray(images).reshape(-1, 784).astype("float32") / 255.0\n',
                                   '    return np.asarray(images).astype("float32") / 255.0\n'),
                                  ('"""Reference: Sequential 784-128-10, Adam, categorical cross-entropy with one-hot '
                                   'labels (as in the slides)."""\n',
                                   '"""Wrong (sequential): preprocess() keeps the images (n, 28, 28) for an '
                                   'Input(shape=(784,))."""\n')]),
 'mnist/keras_no_input': ('solutions/07-mnist-keras/sequential.py',
                          [('        keras.Input(shape=(784,)),\n', '\n'),
                           ('"""Reference: Sequential 784-128-10, Adam, categorical cross-entropy with one-hot '
                            'labels (as in the slides)."""\n',
                            '"""Wrong (sequential): no keras.Input, so the model does not know its input '
                            'shape."""\n')]),
 'mnist/keras_no_softmax': ('solutions/07-mnist-keras/sequential.py',
                            [('        keras.layers.Dense(10, activation="softmax"),\n',
                              '        keras.layers.Dense(10),\n'),
                             ('"""Reference: Sequential 784-128-10, Adam, categorical cross-entropy with one-hot '
                              'labels (as in the slides)."""\n',
                              '"""Wrong (sequential): the output layer has no softmax."""\n')]),
 'mnist/keras_not_one_hot': ('solutions/07-mnist-keras/sequential.py',
                             [('    targets = keras.utils.to_categorical(labels, 10)\n',
                               '    targets = labels  # forgot to_categorical\n'),
                              ('"""Reference: Sequential 784-128-10, Adam, categorical cross-entropy with one-hot '
                               'labels (as in the slides)."""\n',
                               '"""Wrong (sequential): categorical_crossentropy fitted on digit labels instead of '
                               'one-hot rows."""\n')]),
 'mnist/keras_uncompiled': ('solutions/07-mnist-keras/sequential.py',
                            [('    model.compile(optimizer="adam", loss="categorical_crossentropy", '
                              'metrics=["accuracy"])\n',
                              '    pass  # forgot model.compile(...)\n'),
                             ('"""Reference: Sequential 784-128-10, Adam, categorical cross-entropy with one-hot '
                              'labels (as in the slides)."""\n',
                              '"""Wrong (sequential): build_model() never calls model.compile()."""\n')]),
 'mnist/tf_input_shape': ('solutions/06-mnist-tf/layers.py',
                          [('        x = tf1.placeholder(tf.float32, shape=(None, N_INPUTS), name="x")\n',
                            '        x = tf1.placeholder(tf.float32, shape=(None, 28, 28), name="x")\n'),
                           ('    return np.asarray(images).reshape(-1, N_INPUTS).astype(np.float32) / 255.0\n',
                            '    return np.asarray(images).reshape(-1, 28, 28).astype(np.float32) / 255.0\n'),
                           ('"""Reference: a 784-128-10 classifier with tf.compat.v1.layers.dense in graph mode, '
                            'Adam, mini-batches, Saver."""\n',
                            '"""Wrong (mnist-tf): the images stay (28, 28), so the x placeholder is (None, 28, '
                            '28)."""\n')]),
 'mnist/tf_no_restore': ('solutions/06-mnist-tf/layers.py',
                         [('        model["saver"].restore(session, checkpoint)\n',
                           '        pass  # forgot saver.restore\n'),
                          ('"""Reference: a 784-128-10 classifier with tf.compat.v1.layers.dense in graph mode, '
                           'Adam, mini-batches, Saver."""\n',
                           '"""Wrong (mnist-tf): predict() opens a new Session but never restores the '
                           'checkpoint."""\n')]),
 'mnist/tf_not_initialised': ('solutions/06-mnist-tf/layers.py',
                              [('        session.run(model["init"])\n',
                                '        pass  # forgot session.run(model["init"])\n'),
                               ('"""Reference: a 784-128-10 classifier with tf.compat.v1.layers.dense in graph '
                                'mode, Adam, mini-batches, Saver."""\n',
                                '"""Wrong (mnist-tf): the variables are never initialised before training."""\n')]),
 'mnist/tf_placeholder_not_fed': ('solutions/06-mnist-tf/layers.py',
                                  [('                                       feed_dict={model["x"]: x_all[batch], '
                                    'model["y"]: y_all[batch]})\n',
                                    '                                       feed_dict={model["x"]: '
                                    'x_all[batch]})\n'),
                                   ('"""Reference: a 784-128-10 classifier with tf.compat.v1.layers.dense in graph '
                                    'mode, Adam, mini-batches, Saver."""\n',
                                    '"""Wrong (mnist-tf): the training step feeds x but not the labels\' '
                                    'placeholder y."""\n')]),
 'mnist/tf_softmax_twice': ('solutions/06-mnist-tf/layers.py',
                            [('        xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, '
                              'logits=logits)\n',
                              '        xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, '
                              'logits=tf.nn.softmax(logits))\n'),
                             ('"""Reference: a 784-128-10 classifier with tf.compat.v1.layers.dense in graph mode, '
                              'Adam, mini-batches, Saver."""\n',
                              '"""Wrong (mnist-tf): softmax outputs are fed to the *_with_logits '
                              'cross-entropy."""\n')]),
 'tf_intro/graph_default_session': ('solutions/05-tf-intro/graph.py',
                                    [('    parts = build_with_placeholders()\n'
                                      '    with tf1.Session(graph=parts["graph"]) as sess:\n',
                                      '    parts = build_with_placeholders()\n    with tf1.Session() as sess:\n'),
                                     ('"""Reference: f(x, y) = x²·y + y + 2 as a dataflow graph, with variables '
                                      'and with placeholders."""\n',
                                      '"""A wrong tf-intro/graph submission: the session runs the default graph, '
                                      'not the one that holds f."""\n')]),
 'tf_intro/graph_init_too_early': ('solutions/05-tf-intro/graph.py',
                                   [('        init = tf1.global_variables_initializer()\n', ''),
                                    ('def build_with_variables(x0: float, y0: float) -> dict[str, Any]:\n'
                                     '    g = tf.Graph()\n'
                                     '    with g.as_default():\n',
                                     'def build_with_variables(x0: float, y0: float) -> dict[str, Any]:\n'
                                     '    g = tf.Graph()\n'
                                     '    with g.as_default():\n'
                                     '        init = tf1.global_variables_initializer()\n'),
                                    ('"""Reference: f(x, y) = x²·y + y + 2 as a dataflow graph, with variables and '
                                     'with placeholders."""\n',
                                     '"""A wrong tf-intro/graph submission: the initialiser is made before the '
                                     'variables exist, so it initialises nothing."""\n')]),
 'tf_intro/graph_no_scope': ('solutions/05-tf-intro/graph.py',
                             [('    with tf.name_scope("f"):\n        return x * x * y + y + 2\n',
                               '    return x * x * y + y + 2\n'),
                              ('"""Reference: f(x, y) = x²·y + y + 2 as a dataflow graph, with variables and with '
                               'placeholders."""\n',
                               '"""A wrong tf-intro/graph submission: f is built outside the name scope."""\n')]),
 'tf_intro/graph_returns_tensor': ('solutions/05-tf-intro/graph.py',
                                   [('        return sess.run(parts["f"], feed_dict={parts["x"]: xs, parts["y"]: '
                                     'ys})\n',
                                     '        return parts["f"]\n'),
                                    ('"""Reference: f(x, y) = x²·y + y + 2 as a dataflow graph, with variables and '
                                     'with placeholders."""\n',
                                     '"""A wrong tf-intro/graph submission: it returns the node f instead of '
                                     'running it."""\n')]),
 'tf_intro/graph_unfed': ('solutions/05-tf-intro/graph.py',
                          [('        return sess.run(parts["f"], feed_dict={parts["x"]: xs, parts["y"]: ys})\n',
                            '        return sess.run(parts["f"], feed_dict={parts["x"]: xs})\n'),
                           ('"""Reference: f(x, y) = x²·y + y + 2 as a dataflow graph, with variables and with '
                            'placeholders."""\n',
                            '"""A wrong tf-intro/graph submission: the placeholder y is never fed."""\n')]),
 'tf_intro/graph_uninitialised': ('solutions/05-tf-intro/graph.py',
                                  [('        sess.run(parts["init"])\n', ''),
                                   ('"""Reference: f(x, y) = x²·y + y + 2 as a dataflow graph, with variables and '
                                    'with placeholders."""\n',
                                    '"""A wrong tf-intro/graph submission: f is fetched before the variables are '
                                    'initialised."""\n')]),
 'tf_intro/linreg_one_step_per_epoch': ('solutions/05-tf-intro/linear_regression.py',
                                        [('            order = rng.permutation(n)\n'
                                          '            for start in range(0, n, batch_size):\n'
                                          '                rows = order[start:start + batch_size]\n'
                                          '                sess.run(m["train_op"], feed_dict={m["X"]: X[rows], '
                                          'm["y"]: y[rows]})\n',
                                          '            sess.run(m["train_op"], feed_dict={m["X"]: X, m["y"]: '
                                          'y})\n'),
                                         ('"""Reference: linear regression in a TF1 graph, trained by '
                                          'GradientDescentOptimizer on mini-batches."""\n',
                                          '"""A wrong tf-intro/linear-regression submission: one step per epoch, '
                                          'on the whole data set."""\n')]),
 'tf_intro/linreg_sum_loss': ('solutions/05-tf-intro/linear_regression.py',
                              [('            loss = tf.reduce_mean(tf.square(prediction - y))\n',
                                '            loss = tf.reduce_sum(tf.square(prediction - y))\n'),
                               ('"""Reference: linear regression in a TF1 graph, trained by '
                                'GradientDescentOptimizer on mini-batches."""\n',
                                '"""A wrong tf-intro/linear-regression submission: the loss adds the squared '
                                'errors instead of averaging them."""\n')]),
 'tf_intro/save_saver_outside_graph': ('solutions/05-tf-intro/save_restore.py',
                                       [('    with model["graph"].as_default():\n'
                                         '        saver = tf1.train.Saver()  # after the variables, in their '
                                         'graph: it saves all of them by name\n',
                                         '    saver = tf1.train.Saver()\n'),
                                        ('"""Reference: save a trained graph with Saver, restore it with '
                                         'import_meta_graph + restore."""\n',
                                         '"""A wrong tf-intro/save-restore submission: the Saver is created '
                                         'outside the model\'s graph."""\n')]),
 'tf_intro/tape_loss_outside': ('solutions/05-tf-intro/gradient_tape.py',
                                [('    with tf.GradientTape() as tape:  # records the operations on watched '
                                  'variables\n'
                                  '        loss = _mse(X, y, w_var, b_var)\n',
                                  '    loss = _mse(X, y, w_var, b_var)\n'
                                  '    with tf.GradientTape() as tape:\n'
                                  '        pass\n'),
                                 ('"""Reference: linear regression in TensorFlow 2 with tf.GradientTape and '
                                  'keras.optimizers.SGD."""\n',
                                  '"""A wrong tf-intro/gradient-tape submission: the loss is computed before the '
                                  'tape starts recording."""\n')]),
 'tf_intro/tape_returns_variables': ('solutions/05-tf-intro/gradient_tape.py',
                                     [('    return {"w": w.numpy(), "b": b.numpy(), "loss": float(loss.numpy())}\n',
                                       '    return {"w": w, "b": b, "loss": float(loss.numpy())}\n'),
                                      ('"""Reference: linear regression in TensorFlow 2 with tf.GradientTape and '
                                       'keras.optimizers.SGD."""\n',
                                       '"""A wrong tf-intro/gradient-tape submission: fit returns the tf.Variable '
                                       'objects, not their values."""\n')])}


_FOLDER: Path | None = None


def mistake(name: str, folder: Path | None = None) -> Path:
    """Write the named wrong submission into `folder` (a temporary folder by default) and return its path."""
    global _FOLDER
    if folder is None:
        import tempfile

        _FOLDER = _FOLDER or Path(tempfile.mkdtemp(prefix="tutor-mistakes-"))
        folder = _FOLDER
    solution, changes = MISTAKES[name]
    text = (ROOT / solution).read_text(encoding="utf-8")
    for old, new in changes:
        if text.count(old) != 1:
            raise AssertionError(f"{name}: the solution changed; {old!r} is no longer found exactly once")
        text = text.replace(old, new, 1)
    path = folder / f"{name.split('/')[-1]}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
