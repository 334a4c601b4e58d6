#include "datasets/paper_loaders.h"
#include "datasets/registered_dataset.h"

namespace annotbench {

// The annot-mix paper's real multi-annotator sets. Each is a directory, named as the published
// archive or repository names it, that the user unpacks into a data directory (paper_loaders.h says
// which files each loader reads); "a|b" names the alternatives searched (../shared/data/crowd's
// layout first).
std::vector<RegisteredDataset> paper_datasets() {
  const std::string mturk = "Rodrigues et al. 2013, fprodrigues.com/mturk-datasets.tar.gz";
  return {
      {{"music-genres", "crowd/music_genre|music_genre_classification",
        "MUSIC genres: songs with audio features, 10 genres, 44 Mechanical Turk annotators", mturk},
       load_music_genres},
      {{"labelme", "crowd/labelme|LabelMe", "LabelMe scenes: images with VGG16 features, 8 classes, 59 annotators",
        "Rodrigues & Pereira 2018, fprodrigues.com/deep_LabelMe.tar.gz"},
       load_labelme},
      {{"cifar-10n", "cifar-10n",
        "CIFAR-10N: 50000 training images, 10 classes, 3 of 747 annotators per image (features.npy optional)",
        "Wei et al. 2022, github.com/UCSC-REAL/cifar-10-100n (CIFAR-10_human.pt as CSV)"},
       load_cifar10n},
      {{"cifar-100n", "cifar-100n",
        "CIFAR-100N: 50000 training images, 100 classes, 1 of 519 annotators per image (features.npy optional)",
        "Wei et al. 2022, github.com/UCSC-REAL/cifar-10-100n (CIFAR-100_human.pt as CSV)"},
       load_cifar100n},
      {{"cifar-10h", "cifar-10h",
        "CIFAR-10H: 10000 test images, 10 classes, 2571 annotators of about 200 images (features.npy optional)",
        "Peterson et al. 2019, github.com/jcpeterson/cifar-10h (data/cifar10h-raw.zip unzipped)"},
       load_cifar10h},
      {{"sentiment-polarity", "sentiment_polarity",
        "Sentence polarity: movie-review sentences with LSA topic features, 2 classes, 203 annotators", mturk},
       load_sentiment_polarity},
  };
}

}  // namespace annotbench
